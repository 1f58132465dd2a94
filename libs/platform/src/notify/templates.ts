/** The languages a notification can be written in; the first is the fallback. */
export const NOTIFICATION_LANGUAGES = ['zh-CN', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** One language's text of a notification: `{{name}}` placeholders are filled from the send's params. */
export interface NotificationText {
  /** The email's subject (a webhook receives it too, an SMS gateway may ignore it). */
  subject: string;
  body: string;
}

/**
 * A notification a service sends: a stable name (recorded in the delivery log) and its text per
 * language. Services declare their templates as constants next to the feature that sends them.
 */
export interface NotificationTemplate {
  name: string;
  texts: Partial<Record<NotificationLanguage, NotificationText>> & { 'zh-CN': NotificationText };
}

export interface RenderedNotification extends NotificationText {
  /** The language the text is in: the one asked for when the template has it, else zh-CN. */
  language: NotificationLanguage;
}

/** A placeholder the template names and the params do not fill: a bug of the caller, never sent. */
export class TemplateParamMissingError extends Error {
  constructor(
    readonly template: string,
    readonly missing: string[],
  ) {
    super(`template ${template} needs ${missing.join(', ')}`);
    this.name = 'TemplateParamMissingError';
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export function isNotificationLanguage(value: unknown): value is NotificationLanguage {
  return (NOTIFICATION_LANGUAGES as readonly unknown[]).includes(value);
}

/** The language `template` is written in for someone who asked for `language`: it when the template has it, else zh-CN. */
export function templateLanguage(
  template: NotificationTemplate,
  language: string | undefined,
): NotificationLanguage {
  return isNotificationLanguage(language) && template.texts[language] ? language : 'zh-CN';
}

/**
 * The text of `template` in `language` (zh-CN when the template lacks it) with every `{{name}}`
 * replaced by `params[name]`. Every placeholder must be given; values are inserted as they are (the
 * text is plain text, never HTML).
 */
export function renderNotification(
  template: NotificationTemplate,
  language: string,
  params: Readonly<Record<string, string | number>>,
): RenderedNotification {
  const lang = templateLanguage(template, language);
  const text = template.texts[lang] ?? template.texts['zh-CN'];
  const missing = new Set<string>();
  const fill = (s: string) =>
    s.replace(PLACEHOLDER, (_, name: string) => {
      const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
      if (value === undefined) {
        missing.add(name);
        return '';
      }
      return String(value);
    });
  const rendered = { language: lang, subject: fill(text.subject), body: fill(text.body) };
  if (missing.size > 0) throw new TemplateParamMissingError(template.name, [...missing].sort());
  return rendered;
}
