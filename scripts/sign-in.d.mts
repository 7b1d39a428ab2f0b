import type { Page } from 'playwright-core';
export const DEMO_PASSWORD: string;
export function signIn(page: Page, username?: string, password?: string): Promise<void>;
