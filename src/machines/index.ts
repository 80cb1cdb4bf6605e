/** The simulator's machines and their pure helpers; the app wires these to views. */
export { istiodMachine, proxiesFromMesh, diffProxies, ISTIOD_DELAYS } from './istiodMachine.ts';
export type { IstiodContext, IstiodEmitted, IstiodEvent, IstiodInput, ProxyActorRef, ProxySpec, ProxyUpdate } from './istiodMachine.ts';
export { proxyMachine, trackConnection, untrackConnection, MAX_TRACKED_CONNECTIONS, PROXY_DELAYS } from './proxyMachine.ts';
export type { ProxyConfig, ProxyContext, ProxyEmitted, ProxyEvent, ProxyInput, ProxyKind, ProxyPort } from './proxyMachine.ts';
export {
  requestFlowMachine,
  flattenSteps,
  flowOutcome,
  isFailingHop,
  hopProgress,
  stepDelay,
  cursorOf,
  planMove,
  cuesForMove,
  DEFAULT_STEP_DURATION,
  SLOW_AT_FAILURE_FACTOR,
  MAX_HISTORY,
} from './requestFlowMachine.ts';
export type { RequestFlowContext, RequestFlowEmitted, RequestFlowEvent, RequestFlowInput, StepPosition } from './requestFlowMachine.ts';
export { playbackMachine } from './playbackMachine.ts';
export type { PlaybackContext, PlaybackEvent, PlaybackInput } from './playbackMachine.ts';
export { clampSpeed, stepSpeed, SPEED_STEPS, MIN_SPEED, MAX_SPEED } from './speed.ts';
