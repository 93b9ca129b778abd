export {openCsv, type CsvFile, type CsvLayout, type CsvOverrides, type CsvRow, type CsvStats, type HeaderIssue, type RowPosition} from './open-csv.js';
export {CsvError, type CsvErrorKind} from './errors.js';
export {encodingLabels, type EncodingLabel} from './encoding.js';
export {delimiters, type Delimiter} from './sniff-layout.js';
export {cleanCell} from './clean-cell.js';
