import type { NotificationTemplate } from '@cx/platform';

/** The invitation a customer receives, by email or SMS (through the gateway). */
export const SURVEY_INVITATION: NotificationTemplate = {
  name: 'survey-invitation',
  texts: {
    'zh-CN': {
      subject: '{{title}}：邀请您评价我们的服务',
      body: '您好！感谢您的支持。请花一分钟告诉我们您的感受：{{link}}（{{days}}天内有效）。',
    },
    en: {
      subject: '{{title}}: tell us how we did',
      body: 'Hello, thank you for your trust. Please take a minute to tell us how we did: {{link}} (valid for {{days}} days).',
    },
  },
};

export const answerLink = (publicUrl: string, token: string): string =>
  `${publicUrl}/api/v1/public/surveys/${token}`;
