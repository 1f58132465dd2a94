// Who training tells, and what (ADR 31, docs/notifications.md): the employee of a new enrolment
// (a plan, a remedial course after missed standards, a recertification reminder, or by hand), at the
// work email of training's own staff directory.
import { Subjects } from '@cx/contracts';
import { messageTime, NotificationRule, NotificationTemplate, notifyOn } from '@cx/platform';
import { EntityManager } from 'typeorm';
import { CourseRepository } from '../course/course.repository';
import { EnrollmentRepository } from '../enrollment/enrollment.repository';

/**
 * Dates in messages are on the employee's store's clock (the zone a lead set in `/admin/stores`); a
 * store without one reads the chain's home zone (TRAINING_DEFAULT_TIME_ZONE's default: rules see no config).
 */
const FALLBACK_ZONE = 'Asia/Shanghai';

export const ENROLLMENT: NotificationTemplate = {
  name: 'training-enrollment',
  texts: {
    'zh-CN': {
      subject: '培训通知：您已报名「{{course}}」',
      body:
        '您好！您已被安排参加培训课程「{{course}}」（{{code}}），请在 {{due}} 前完成。\n' +
        '课程安排和学习记录可在培训系统中查看，如有时间冲突请联系您的主管。',
    },
    en: {
      subject: 'Training: you are enrolled in "{{course}}"',
      body:
        'Hello, you are enrolled in the course "{{course}}" ({{code}}); please complete it by {{due}}.\n' +
        'The schedule and your records are in the training system; talk to your lead if the timing clashes.',
    },
  },
};

export const REMEDIAL_ENROLLMENT: NotificationTemplate = {
  name: 'training-remedial-enrollment',
  texts: {
    'zh-CN': {
      subject: '培训通知：请参加补训课程「{{course}}」',
      body:
        '您好！根据近期的服务考核结果，您已被安排参加补训课程「{{course}}」（{{code}}），请在 {{due}} 前完成。\n' +
        '补训帮助您巩固服务标准，完成后将计入您的培训档案。如有疑问请联系您的主管。',
    },
    en: {
      subject: 'Training: please take the refresher course "{{course}}"',
      body:
        'Hello, following recent service results you are enrolled in the refresher course "{{course}}" ({{code}}); ' +
        'please complete it by {{due}}.\nIt is recorded in your training archive. Talk to your lead with any question.',
    },
  },
};

/** A certification runs out: the employee is enrolled again, due when it expires (certification.jobs). */
export const RECERTIFICATION: NotificationTemplate = {
  name: 'training-recertification',
  texts: {
    'zh-CN': {
      subject: '复训提醒：「{{course}}」认证将于 {{due}} 到期',
      body:
        '您好！您的「{{course}}」（{{code}}）认证将于 {{due}} 到期，系统已为您重新报名。\n' +
        '请在到期前完成复训和考核，以保持上岗资格。如有疑问请联系您的主管。',
    },
    en: {
      subject: 'Recertification: "{{course}}" expires on {{due}}',
      body:
        'Hello, your certification in "{{course}}" ({{code}}) expires on {{due}}, and you are enrolled again.\n' +
        'Please complete the course and its assessment before then to stay certified. Talk to your lead with any question.',
    },
  },
};

/** An enrolment without a due date (by hand, no deadline set). */
export const OPEN_ENROLLMENT: NotificationTemplate = {
  name: 'training-enrollment-open',
  texts: {
    'zh-CN': {
      subject: '培训通知：您已报名「{{course}}」',
      body:
        '您好！您已被安排参加培训课程「{{course}}」（{{code}}），请尽快安排学习。\n' +
        '课程安排和学习记录可在培训系统中查看，如有疑问请联系您的主管。',
    },
    en: {
      subject: 'Training: you are enrolled in "{{course}}"',
      body:
        'Hello, you are enrolled in the course "{{course}}" ({{code}}); please plan to take it soon.\n' +
        'The schedule and your records are in the training system; talk to your lead with any question.',
    },
  },
};

/**
 * The certification reminder enrols as 'recertification' (the event says only 'plan'): read back only
 * for an enrolment by plan with a due date, the one case it decides.
 */
async function byCertificationReminder(em: EntityManager, enrollmentId: string): Promise<boolean> {
  return (
    (await new EnrollmentRepository(em.connection).findById(enrollmentId, em))?.createdBy ===
    'recertification'
  );
}

export const TRAINING_NOTIFICATIONS: NotificationRule[] = [
  notifyOn(
    Subjects.training.enrollmentCreated,
    [ENROLLMENT, REMEDIAL_ENROLLMENT, RECERTIFICATION, OPEN_ENROLLMENT],
    async (d, em) => {
      const { course, zone } = await new CourseRepository(em.connection).noticeFacts(
        em,
        d.courseId,
        d.storeId,
      );
      const template = !d.dueAt
        ? OPEN_ENROLLMENT
        : d.reason === 'remedial'
          ? REMEDIAL_ENROLLMENT
          : (await byCertificationReminder(em, d.enrollmentId))
            ? RECERTIFICATION
            : ENROLLMENT;
      return [
        {
          to: { employeeId: d.employeeId, purpose: 'enrollment' },
          template,
          params: {
            course: course?.title ?? d.courseId,
            code: course?.code ?? d.courseId,
            ...(d.dueAt && { due: messageTime(d.dueAt, zone || FALLBACK_ZONE).slice(0, 10) }),
          },
          about: { type: 'enrollment', id: d.enrollmentId },
        },
      ];
    },
  ),
];
