import type { Verb } from '../types.ts';
import { applyVerb } from './apply.ts';
import { createVerb } from './create.ts';
import { debugVerb } from './debug.ts';
import { deleteVerb } from './delete.ts';
import { describeVerb } from './describe.ts';
import { execVerb } from './exec.ts';
import { getVerb } from './get.ts';
import { labelVerb } from './label.ts';
import { logsVerb } from './logs.ts';
import { rolloutRestartVerb } from './rolloutRestart.ts';
import { versionVerb } from './version.ts';
import { annotateVerb } from './annotate.ts';
import { rolloutStatusVerb } from './rolloutStatus.ts';
import { scaleVerb } from './scale.ts';
import { waitVerb } from './wait.ts';
import { patchVerb } from './patch.ts';
import { runVerb } from './run.ts';
import { explainVerb } from './explain.ts';
import { portForwardVerb } from './portForward.ts';
import { editVerb } from './edit.ts';
import { apiResourcesVerb } from './apiResources.ts';
import { eventsVerb } from './events.ts';
import { authCanIVerb } from './authCanI.ts';
import { configCurrentContextVerb, configGetContextsVerb, configUseContextVerb, configViewVerb } from './config.ts';

/** The kubectl command table: help, flag validation and completion derive from it. */
export const VERBS: readonly Verb[] = [
  getVerb,
  describeVerb,
  applyVerb,
  createVerb,
  deleteVerb,
  labelVerb,
  execVerb,
  debugVerb,
  logsVerb,
  rolloutRestartVerb,
  versionVerb,
  annotateVerb,
  patchVerb,
  runVerb,
  explainVerb,
  portForwardVerb,
  editVerb,
  scaleVerb,
  rolloutStatusVerb,
  waitVerb,
  authCanIVerb,
  apiResourcesVerb,
  eventsVerb,
  configCurrentContextVerb,
  configGetContextsVerb,
  configUseContextVerb,
  configViewVerb,
];
