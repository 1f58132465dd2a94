// Request bodies of the complaints API, valid against its DTOs; a test overrides what it is about.
/** POST /api/v1/complaints: a hotline complaint about a jacket, from someone not yet in CRM. */
export const validComplaint = (over: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  category: 'product-quality',
  urgency: 'medium',
  importance: 'medium',
  complainant: { name: 'Li Mei', phone: '+86 138 0013 8000', email: 'li.mei@example.com' },
  storeId: 'SH-001',
  orderId: 'SO-2026-000451',
  productSku: 'JKT-DOWN-BLK-M',
  description: 'The zip of the down jacket broke on the second day.',
  ...over,
});

/** POST /api/v1/admin/policies/categories: a subcategory of the seeded product-quality. */
export const validCategory = (over: Record<string, unknown> = {}) => ({
  code: 'zip-defect',
  name: 'Zip defects',
  parentCode: 'product-quality',
  ...over,
});
