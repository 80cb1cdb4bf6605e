// The entry of the page's first script, ./boot.js (scripts/bootScript.ts builds it; see boot.ts).
import { startBoot } from './boot.ts';

startBoot();
