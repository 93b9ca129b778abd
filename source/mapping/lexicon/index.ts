import type {Lexicon} from './concepts.js';
import {de} from './de.js';
import {en} from './en.js';
import {es} from './es.js';
import {fr} from './fr.js';
import {it} from './it.js';
import {ja} from './ja.js';
import {nl} from './nl.js';
import {pl} from './pl.js';
import {pt} from './pt.js';

export type LanguageCode = 'en' | 'de' | 'fr' | 'es' | 'nl' | 'it' | 'pt' | 'pl' | 'ja';

/** Every language's header words, English first (the one a word no other language knows falls back to). */
export const lexicons: Readonly<Record<LanguageCode, Lexicon>> = {en, de, fr, es, nl, it, pt, pl, ja};
