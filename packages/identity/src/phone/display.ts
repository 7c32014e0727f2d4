// Display of a normalized phone number in international format (`+49 30 901820`), for the console and exports.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** International format of an E.164 number; the input unchanged if libphonenumber cannot format it. */
export function formatPhoneInternational(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}
