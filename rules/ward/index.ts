import type { Rule } from '../../src/engine/rule.js';
import { notificationMissing } from './notification-missing.js';
import { consultationNotice } from './consultation-notice.js';
import { publicMeetingInvitation } from './public-meeting-invitation.js';
import { localIssueAlert } from './local-issue-alert.js';
import { notificationMismatch } from './notification-mismatch.js';
import { announcedBeforeNotice } from './announced-before-notice.js';
import { eventInvitation } from './event-invitation.js';

/** The `ward/` family. Each rule lives in its own file beside this one; shared analysis in analysis.ts. */
export const rules: Rule[] = [
  notificationMissing,
  consultationNotice,
  publicMeetingInvitation,
  localIssueAlert,
  notificationMismatch,
  announcedBeforeNotice,
  eventInvitation,
];
