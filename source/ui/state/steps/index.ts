import type {Step} from '../wizard-state.js';
import {confirmStep} from './confirm.js';
import {connectStep} from './connect.js';
import {defaultsStep} from './defaults.js';
import {encodingStep} from './encoding.js';
import {fileStep} from './file.js';
import {mappingStep} from './mapping.js';
import {previewStep} from './preview.js';
import {progressStep} from './progress.js';
import {resumeOfferStep} from './resume-offer.js';
import {summaryStep} from './summary.js';
import type {StepHandler} from './step-handler.js';

export type {StepHandler} from './step-handler.js';

/** Every step's handler: a step added to `Step` without one here does not compile. */
export const stepHandlers: Record<Step, StepHandler> = {
	'resume-offer': resumeOfferStep,
	connect: connectStep,
	file: fileStep,
	encoding: encodingStep,
	mapping: mappingStep,
	defaults: defaultsStep,
	preview: previewStep,
	confirm: confirmStep,
	progress: progressStep,
	summary: summaryStep,
};
