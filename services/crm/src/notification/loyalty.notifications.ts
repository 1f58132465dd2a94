// Who crm tells, and what (ADR 31, ADR 34, docs/notifications.md): the customer, of their own
// membership. Points about to expire and a tier gained are notices about their account (no marketing
// consent: the channel's own consent, like a complaint reply); "spend this much to keep your tier" is
// an invitation to buy and goes only to a customer who agreed to marketing on that channel.
import { Subjects, Tier, TIERS } from '@cx/contracts';
import { messageTime, NotificationRule, NotificationTemplate, notifyOn } from '@cx/platform';

/**
 * crm keeps no store zones: dates in loyalty messages are on the chain's home clock, and only the date
 * is shown (an expiry or a review is a day to the customer).
 */
const HOME_ZONE = 'Asia/Shanghai';
const day = (iso: string): string => messageTime(iso, HOME_ZONE).slice(0, 10);

/** A sum of minor units as the customer reads it: `¥1,299.00`. */
export function yuan(minor: number): string {
  return `¥${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const TIER_ZH: Record<Tier, string> = { standard: '普通', silver: '银卡', gold: '金卡', diamond: '钻石' };
const TIER_EN: Record<Tier, string> = {
  standard: 'Standard',
  silver: 'Silver',
  gold: 'Gold',
  diamond: 'Diamond',
};
const tierParams = (key: string, t: Tier) => ({ [`${key}Zh`]: TIER_ZH[t], [`${key}En`]: TIER_EN[t] });

export const POINTS_EXPIRING: NotificationTemplate = {
  name: 'loyalty-points-expiring',
  texts: {
    'zh-CN': {
      subject: '您有 {{points}} 积分将于 {{expiresBy}} 前到期',
      body:
        '您好！您账户中有 {{points}} 积分将陆续到期，最早一笔于 {{firstExpires}} 到期，全部于 {{expiresBy}} 前到期。\n' +
        '当前可用积分 {{balance}}。到期前可在门店或线上商城使用积分抵扣或兑换礼品。',
    },
    en: {
      subject: '{{points}} of your points expire by {{expiresBy}}',
      body:
        'Hello, {{points}} points in your account are about to expire: the first on {{firstExpires}}, all by ' +
        '{{expiresBy}}.\nYour available balance is {{balance}} points. Use them in store or online before then.',
    },
  },
};

export const TIER_UPGRADED: NotificationTemplate = {
  name: 'loyalty-tier-upgraded',
  texts: {
    'zh-CN': {
      subject: '恭喜您升级为{{tierZh}}会员',
      body: '您好！感谢您的支持，您的会员等级已于 {{since}} 升级为{{tierZh}}会员，即日起可享受相应的会员权益。',
    },
    en: {
      subject: 'Welcome to {{tierEn}} membership',
      body: 'Hello, thank you for shopping with us: your membership moved up to {{tierEn}} on {{since}}, with its benefits from today.',
    },
  },
};

export const TIER_AT_RISK: NotificationTemplate = {
  name: 'loyalty-tier-at-risk',
  texts: {
    'zh-CN': {
      subject: '您的{{tierZh}}会员等级将于 {{reviewOn}} 调整',
      body:
        '您好！按近 12 个月的消费，您的会员等级将在 {{reviewOn}} 的评定中由{{tierZh}}调整为{{toZh}}。\n' +
        '在此之前再累计消费 {{spend}}、购物 {{purchases}} 次，即可保留{{tierZh}}会员等级及其权益。',
    },
    en: {
      subject: 'Your {{tierEn}} membership is reviewed on {{reviewOn}}',
      body:
        'Hello, on your last 12 months of shopping your membership would move from {{tierEn}} to {{toEn}} at the ' +
        'review on {{reviewOn}}.\nSpending {{spend}} more over {{purchases}} more purchases before then keeps ' +
        '{{tierEn}} and its benefits.',
    },
  },
};

const rank = (t: Tier | null): number => (t === null ? 0 : TIERS.indexOf(t));

export const CRM_NOTIFICATIONS: NotificationRule[] = [
  notifyOn(Subjects.crm.pointsExpiring, [POINTS_EXPIRING], (d) => [
    {
      to: { customerId: d.customerId, purpose: 'loyalty-notice' },
      template: POINTS_EXPIRING,
      params: {
        points: d.points,
        firstExpires: day(d.firstExpiresAt),
        expiresBy: day(d.expiresBy),
        balance: d.availableBalance,
      },
      about: { type: 'customer', id: d.customerId },
    },
  ]),
  // Only a tier gained: a lowered one was announced ahead by the at-risk notice, and a first
  // assignment of the lowest tier is no news.
  notifyOn(Subjects.crm.customerTierChanged, [TIER_UPGRADED], (d) =>
    rank(d.toTier) > rank(d.fromTier)
      ? [
          {
            to: { customerId: d.customerId, purpose: 'loyalty-notice' },
            template: TIER_UPGRADED,
            params: { ...tierParams('tier', d.toTier), since: day(d.changedAt) },
            about: { type: 'customer', id: d.customerId },
          },
        ]
      : [],
  ),
  notifyOn(Subjects.crm.customerTierAtRisk, [TIER_AT_RISK], (d) => [
    {
      to: { customerId: d.customerId, purpose: 'loyalty-offer' },
      template: TIER_AT_RISK,
      params: {
        ...tierParams('tier', d.currentTier),
        ...tierParams('to', d.downgradeTo),
        reviewOn: day(d.downgradeAt),
        spend: yuan(d.spendToKeepMinor),
        purchases: d.purchasesToKeep,
      },
      about: { type: 'customer', id: d.customerId },
    },
  ]),
];
