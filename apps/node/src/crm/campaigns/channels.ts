// Campaign channels: personal ones become follow-ups for the owner; mass ones become an export for an email or
// messaging service (Concord itself never sends anything to a customer).
export const PERSONAL_CHANNELS = ['phone', 'branch'] as const;
export const MASS_CHANNELS = ['email', 'sms', 'mail', 'social'] as const;
export const CAMPAIGN_CHANNELS = [...PERSONAL_CHANNELS, ...MASS_CHANNELS] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export function isPersonal(channel: string): boolean {
  return (PERSONAL_CHANNELS as readonly string[]).includes(channel);
}
