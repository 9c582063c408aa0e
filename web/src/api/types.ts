/**
 * Shapes of the HTTP contract the web client uses: the server's route contracts
 * (src/contracts, the same schemas that validate requests, serialise responses and
 * generate /api/v1/openapi.json). Types only; nothing here is written by hand.
 */
import type { z } from 'zod';
import type { ApiErrorBody as ErrorBodyType, CodeName as CodeNameType } from '../../../src/contracts/common.js';
import type { Role as RoleType, Session as SessionType, User as UserType } from '../../../src/contracts/auth.js';
import type * as Candidate from '../../../src/contracts/candidate.js';

export type Role = RoleType;
export type User = UserType;
export type Session = SessionType;
export type CodeName = CodeNameType;
export type ApiErrorBody = ErrorBodyType;

export type RegistrationStatus = Candidate.RegistrationStatus;
export type Registration = Candidate.Registration;
export type UploadWindowState = Candidate.UploadWindowState;
export type TodoItem = Candidate.TodoItem;
export type ImageState = Candidate.ImageState;
export type MaterialImage = Candidate.MaterialImage;
export type ImageSignals = Candidate.ImageSignals;
export type MaterialCategory = Candidate.MaterialCategory;
export type ReviewComment = Candidate.ReviewComment;
export type Materials = Candidate.Materials;
export type CandidateMessage = Candidate.CandidateMessage;
export type MessageList = Candidate.MessageList;
export type Announcement = Candidate.Announcement;
export type AnnouncementEnvelope = Candidate.AnnouncementEnvelope;
/** The body of POST /api/v1/candidate/activate. */
export type ActivateRequest = z.input<typeof Candidate.ActivateBody>;

/** A route's answer as its contract declares it (`status`: 200 unless given), for answers with no schema name of their own. */
export type AnswerOf<C extends { response: Record<number, unknown> }, S extends keyof C['response'] = 200> =
  C['response'][S] extends z.ZodType ? z.infer<C['response'][S]> : never;
