// The legal deadline of a data-subject request (GDPR Art. 12(3)): one month from receipt, extendable once by two
// further months with a reason. Calendar months in UTC, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).

/** Months to answer a request. */
export const RESPONSE_MONTHS = 1;
/** Months an extension adds, once (Art. 12(3): "by two further months where necessary"). */
export const EXTENSION_MONTHS = 2;
/** An extension must say why (complexity, number of requests): a few words at least. */
export const MIN_EXTENSION_REASON = 10;

export function addMonthsUtc(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(y, m, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()),
  );
}

export function legalDeadline(receivedAt: Date): Date {
  return addMonthsUtc(receivedAt, RESPONSE_MONTHS);
}

/** The extended deadline counts from receipt, so clamping in a short month does not eat days. */
export function extendedDeadline(receivedAt: Date): Date {
  return addMonthsUtc(receivedAt, RESPONSE_MONTHS + EXTENSION_MONTHS);
}
