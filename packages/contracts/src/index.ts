export * from './audit';
export * from './auth';
export * from './common';
export * from './org';
export * from './people';
export * from './results';
export * from './rounds';
export * from './survey';
