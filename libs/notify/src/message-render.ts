/**
 * Rendering of a notification's parts: subject, plain text and HTML for email, Markdown for the
 * group robots, with the escaping each form needs. The words come from `message-copy.ts`.
 */

import type { Copy, MessageParts } from './message-copy';

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
  markdown: string;
}

export function subjectOf(parts: MessageParts, copy: Copy): string {
  return `${copy.subjectPrefix}${parts.headline}${parts.about ? `${copy.colon}${parts.about}` : ''}`;
}

// Full-width look-alikes rather than backslashes: WeCom, DingTalk and Feishu each speak their own
// Markdown dialect, and not all of them honour backslash escapes, while every one shows these as text.
const MARKDOWN_LOOKALIKES: Record<string, string> = {
  '\\': '＼',
  '`': '｀',
  '*': '＊',
  _: '＿',
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '#': '＃',
  '~': '～',
  '|': '｜',
};

/**
 * Text from people (titles, names, update text) made inert for robot Markdown: markup characters
 * become look-alikes and line breaks spaces, so a title can neither format, link, mention (`<@all>`)
 * nor start a heading or quote of its own. `multiline` keeps the line breaks of quoted text.
 */
export function escapeRobotMarkdown(value: string, multiline = false): string {
  const inert = value.replace(/[\\`*_[\]<>#~|]/g, (character) => MARKDOWN_LOOKALIKES[character]);
  return multiline
    ? inert.replace(/\r\n?|[\u2028\u2029]/g, '\n')
    : inert.replace(/\r\n?|[\n\u2028\u2029]/g, ' ');
}

// Quoted text keeps its lines (each becomes a `>` line); links are ours, built from PUBLIC_URL.
const QUOTED_FIELDS = new Set(['updateText', 'reason', 'highlights']);
const LINK_FIELDS = new Set(['link']);

export function markdownSafePayload<T>(payload: T): T {
  const visit = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      return LINK_FIELDS.has(field) ? value : escapeRobotMarkdown(value, QUOTED_FIELDS.has(field));
    }
    if (Array.isArray(value)) return value.map((entry) => visit(entry, field));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, visit(entry, key)]));
    }
    return value;
  };
  return visit(payload, '') as T;
}

export function renderText(parts: MessageParts, copy: Copy): string {
  const blocks = [
    parts.greeting,
    parts.lead,
    parts.facts.map(([label, value]) => `${label}${copy.colon}${value}`).join('\n'),
    parts.quote,
    parts.list?.map((entry) => `- ${entry.text}\n  ${entry.link}`).join('\n'),
    `${copy.open}${copy.colon}${parts.link}`,
    '--\n' + copy.footer,
  ];
  return blocks.filter(Boolean).join('\n\n') + '\n';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function renderHtml(subject: string, parts: MessageParts, copy: Copy): string {
  const e = escapeHtml;
  const paragraphs = (text: string) => e(text).replace(/\r?\n/g, '<br>');
  const facts = parts.facts.length
    ? `<table style="border-collapse:collapse;margin:12px 0">${parts.facts
        .map(
          ([label, value]) =>
            `<tr><th style="text-align:left;padding:4px 12px 4px 0;color:#555;font-weight:normal;white-space:nowrap">${e(label)}</th><td style="padding:4px 0">${e(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const quote = parts.quote
    ? `<blockquote style="margin:12px 0;padding:8px 12px;border-left:3px solid #c0392b;background:#f7f7f7">${paragraphs(parts.quote)}</blockquote>`
    : '';
  const list = parts.list
    ? `<ul>${parts.list.map((entry) => `<li><a href="${e(entry.link)}">${e(entry.text)}</a></li>`).join('')}</ul>`
    : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${copy.lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    "<body style=\"font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6;color:#222\">",
    `<p>${e(parts.greeting)}</p>`,
    `<p>${paragraphs(parts.lead)}</p>`,
    facts,
    quote,
    list,
    `<p><a href="${e(parts.link)}" style="color:#c0392b">${e(copy.open)}</a></p>`,
    `<p style="color:#888;font-size:12px">${e(copy.footer)}</p>`,
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function renderMarkdown(subject: string, parts: MessageParts, copy: Copy): string {
  const lines = [
    `### ${subject}`,
    '',
    parts.lead,
    '',
    ...parts.facts.map(([label, value]) => `**${label}**${copy.colon}${value}`),
    ...(parts.quote ? ['', ...parts.quote.split(/\r?\n/).map((line) => `> ${line}`)] : []),
    ...(parts.list ? ['', ...parts.list.map((entry) => `- [${entry.text}](${entry.link})`)] : []),
    '',
    `[${copy.open}](${parts.link})`,
  ];
  return lines.join('\n');
}
