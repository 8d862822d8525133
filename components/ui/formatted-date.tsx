/** Long dates in British order ("24 November 2025"), as scholarly citations write them. */
const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  // Stored times are UTC; a fixed zone keeps server and browser output identical.
  timeZone: "UTC",
});

/** Props of {@link FormattedDate}. */
export interface FormattedDateProps {
  date: Date;
}

/** A date as a `<time>` element: readable text, machine-readable ISO timestamp. */
export function FormattedDate({ date }: FormattedDateProps) {
  return <time dateTime={date.toISOString()}>{DATE_FORMAT.format(date)}</time>;
}
