/**
 * istioctl and gcloud: code that arrives after the engine in the browser (see LazyPart and
 * lazyClis.ts); Node installs it up front (installParts.ts).
 */
import { createGcloud } from './gcloud/gcloud.ts';
import { createIstioctl } from './istioctl/istioctl.ts';

export const clis = { createGcloud, createIstioctl } as const;

export type Clis = typeof clis;
