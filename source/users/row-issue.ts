/** A problem found in one cell or row, located so the admin can fix it in the file. */
export type RowIssue = {
	/** 1-based data row (as the CSV reader numbers them). */
	row: number;
	/** 1-based physical line where the row starts in the file. */
	line: number;
	/** The column's header, or null for a row-wide problem. */
	column: string | null;
	/** Errors keep the row from being imported; warnings do not. */
	severity: 'error' | 'warning';
	message: string;
};
