import { TRAINING_CONFIG_KINDS, type FileKind } from '../types';

/** Checkpoint rules and the hover run on every training config kind trainlint has a plan adapter for. */
export const CHECKPOINT_APPLIES: readonly FileKind[] = TRAINING_CONFIG_KINDS;
