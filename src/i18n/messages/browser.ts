import { defineMessages } from './define.ts';

/**
 * The simulated browser tab: its toolbar, and Chrome's own error pages, which follow the browser's
 * language as real Chrome's do. Error codes (ERR_CONNECTION_RESET, HTTP ERROR 500) and what the
 * server sends (the storefront, the frontend's error page) are facts and are not here.
 */
export default defineMessages(
  {
    'browser.label': 'Simulated browser',
    'browser.reloadPage': 'Reload this page',
    'browser.reload': 'Reload',
    'browser.address': 'Address',
    'browser.go': 'Go',
    'browser.externalIps': 'External IP addresses',
    'browser.externalIpsPick': 'External IPs…',
    'browser.externalIpsNone': 'No external IP found yet',
    'browser.content': 'Page content',
    'browser.loading': 'Loading {host}…',
    'browser.blank': 'Type an address, or pick one of the external IPs, and press Go.',
    'browser.blankFind': 'Type an address and press Go. kubectl get services shows the external IPs.',
    'browser.cantReach': 'This site can’t be reached',
    'browser.net.reset': 'The connection was reset.',
    'browser.net.refused': 'refused to connect.',
    'browser.net.timedOut': 'took too long to respond.',
    'browser.try': 'Try:',
    'browser.tryConnection': 'Checking the connection',
    'browser.tryProxy': 'Checking the proxy and the firewall',
    'browser.notWorking': 'This page isn’t working',
    'browser.noPage': 'answered without a page.',
  },
  {
    'browser.label': 'シミュレートされたブラウザ',
    'browser.reloadPage': 'このページを再読み込み',
    'browser.reload': '再読み込み',
    'browser.address': 'アドレス',
    'browser.go': '移動',
    'browser.externalIps': '外部 IP アドレス',
    'browser.externalIpsPick': '外部 IP…',
    'browser.externalIpsNone': '外部 IP はまだ見つかっていません',
    'browser.content': 'ページの内容',
    'browser.loading': '{host} を読み込んでいます…',
    'browser.blank': 'アドレスを入力するか外部 IP を選んで、[移動] を押してください。',
    'browser.blankFind': 'アドレスを入力して [移動] を押してください。外部 IP は kubectl get services で確認できます。',
    'browser.cantReach': 'このサイトにアクセスできません',
    'browser.net.reset': '接続がリセットされました。',
    'browser.net.refused': 'で接続が拒否されました。',
    'browser.net.timedOut': 'からの応答時間が長すぎます。',
    'browser.try': '次をお試しください:',
    'browser.tryConnection': '接続を確認する',
    'browser.tryProxy': 'プロキシとファイアウォールを確認する',
    'browser.notWorking': 'このページは動作していません',
    'browser.noPage': 'からページが返されませんでした。',
  },
);
