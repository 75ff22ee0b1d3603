import { z } from 'zod';

/** Incident severities, most severe first (PRODUCT.md). */
export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;
