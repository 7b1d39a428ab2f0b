import type { ReactNode } from 'react';

/** What an action says afterwards: 'error' is announced at once (role alert), anything else politely (status). */
export interface BannerMessage {
  kind: string;
  text: string;
}

/** The message line under a form or section; nothing when there is no message. */
export function Banner({
  message,
  className,
  children,
}: {
  message: BannerMessage | null | undefined;
  /** Where the screen places the banner (e.g. centred on the presenter's dark screen). */
  className?: string;
  children?: ReactNode;
}) {
  if (!message) return null;
  return (
    <div
      className={`banner banner--${message.kind}${className ? ` ${className}` : ''}`}
      role={message.kind === 'error' ? 'alert' : 'status'}
    >
      {message.text}
      {children}
    </div>
  );
}
