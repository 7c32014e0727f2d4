// The clean room's version, reported by /healthz and the operator console.
export const VERSION = '0.1.0';
