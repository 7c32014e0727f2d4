// Test helper: the Concord error code a call settles with, or 'OK' when it succeeds (shared by every app).
export { codeOf } from '@concord/service/testing';
