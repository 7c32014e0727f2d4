// Human labels for the domain's codes: purposes, industries, statuses, reasons.
import { PURPOSES } from '@concord/consent/purposes';

export const INDUSTRIES = ['bank', 'insurance', 'automotive', 'retail', 'telecom', 'other'] as const;

const INDUSTRY_LABEL: Record<string, string> = {
  bank: 'Banking',
  insurance: 'Insurance',
  automotive: 'Automotive',
  retail: 'Retail',
  telecom: 'Telecom',
  other: 'Other',
  '*': 'Any industry',
};
export const industryLabel = (i: string) => INDUSTRY_LABEL[i] ?? i;

export const purposeTitle = (id: string) => PURPOSES.find((p) => p.id === id)?.title ?? id;
export { PURPOSES };

const REASON: Record<string, string> = {
  no_consent: 'No consent recorded',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  too_old: 'Consent too old',
  consent_too_old: 'Consent too old',
  industry_not_allowed: 'Recipient industry not allowed',
  recipient_not_covered: 'Recipient not covered',
  recipient_not_allowed: 'Recipient not covered',
  not_yet_valid: 'Not yet valid',
  no_rule: 'No compliance rule for purpose',
  rule_blocks: 'Blocked by compliance rule',
  invalid_identifier: 'Invalid identifier',
  no_identifier: 'No usable email or phone',
  erased: 'Erased',
  gpc: 'Global Privacy Control signal',
  rule_changed: 'Compliance rule tightened',
  partner_consent_ended: "Partner's customer withdrew or was erased",
};
export const reasonLabel = (r: string) => REASON[r] ?? r.replaceAll('_', ' ');

export const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replaceAll('_', ' ');
