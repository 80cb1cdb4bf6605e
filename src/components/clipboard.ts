/**
 * Copies text to the clipboard. When the page may not (no permission, an insecure context, an
 * iframe without clipboard access), the caller shows the text for copying by hand instead.
 * Returns the text to show, or '' when it was copied.
 */
export async function copyOrShow(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return '';
  } catch {
    return text;
  }
}
