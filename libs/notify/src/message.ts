/**
 * Notification text for every channel from one description: subject, plain text and HTML for
 * email, Markdown for the group robots. Chinese by default. The words are in `message-copy.ts`,
 * the markup and its escaping in `message-render.ts`; this file puts them together.
 */

import {
  COPY,
  type Locale,
  type MessageParts,
  type NotificationPayloads,
  type RenderableKind,
} from './message-copy';
import {
  markdownSafePayload,
  renderHtml,
  renderMarkdown,
  renderText,
  subjectOf,
  type RenderedNotification,
} from './message-render';

export type { Locale, NotificationPayloads, RenderableKind, WorkItemContext } from './message-copy';
export { escapeHtml, escapeRobotMarkdown, type RenderedNotification } from './message-render';

export function renderNotification<K extends RenderableKind>(
  kind: K,
  payload: NotificationPayloads[K],
  locale: Locale = 'zh-CN',
): RenderedNotification {
  const copy = COPY[locale];
  const parts: MessageParts = {
    ...copy.parts[kind](payload),
    greeting: copy.greeting(payload.recipientName),
    link: payload.link,
  };
  const subject = subjectOf(parts, copy);
  // Robots render Markdown: the same parts built from a neutralised payload, so a title cannot add markup.
  const robotParts: MessageParts = {
    ...copy.parts[kind](markdownSafePayload(payload)),
    greeting: '',
    link: payload.link,
  };
  return {
    subject,
    text: renderText(parts, copy),
    html: renderHtml(subject, parts, copy),
    markdown: renderMarkdown(subjectOf(robotParts, copy), robotParts, copy),
  };
}
