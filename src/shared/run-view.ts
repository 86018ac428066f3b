// A saved view of the runs table: its query, statuses, tags, columns and sort, under a name. Saved in the
// database (not the browser's storage): views name config paths of the runs in one data folder, and web mode
// serves on a new port at each start, which would lose a browser's storage; the desktop and web doors share them.
import { z } from 'zod';
import { RUN_STATUSES } from './api-types';
import { COLUMN_ID } from './run-columns';
import { MAX_QUERY_LENGTH, parseQuery, QueryError } from './run-query';
import { isWellFormed, labelProblem, NOT_UNICODE, tagSchema } from './text-rules';

const RESERVED = /(^|\.)(__proto__|constructor|prototype)(\.|$)/;

/** A column id: a field, a score or a dotted config path. */
export const columnIdSchema = z
  .string()
  .max(200)
  .regex(COLUMN_ID, 'must be a column id like "lr", "best.testAccuracy" or "optimizer.momentum"')
  .refine((id) => !RESERVED.test(id), 'reserved name');

/** A runs query: it must parse (which fields exist depends on the runs, so that is checked where they are). */
export const runQuerySchema = z
  .string()
  .max(MAX_QUERY_LENGTH)
  .refine(isWellFormed, NOT_UNICODE)
  .superRefine((q, ctx) => {
    try {
      parseQuery(q);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
    }
  });

/** A view's name: the one label rule of shared/text-rules, shorter (it fits a menu). */
export const viewNameSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    const problem = labelProblem(text, 80);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const runViewSchema = z.strictObject({
  name: viewNameSchema,
  query: runQuerySchema.default(''),
  statuses: z.array(z.enum(RUN_STATUSES)).max(RUN_STATUSES.length).default([]),
  tags: z.array(tagSchema).max(32).default([]),
  columns: z
    .array(columnIdSchema)
    .min(1)
    .max(64)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a column twice'),
  sort: z.strictObject({ column: columnIdSchema, direction: z.enum(['asc', 'desc']) }).default({ column: 'id', direction: 'desc' }),
});

export const deleteRunViewInput = z.strictObject({ name: viewNameSchema });

export type RunView = z.output<typeof runViewSchema>;
export type RunViewInput = z.input<typeof runViewSchema>;

/** Most views a data folder keeps: plenty for people, a bound for the table. */
export const MAX_RUN_VIEWS = 200;
