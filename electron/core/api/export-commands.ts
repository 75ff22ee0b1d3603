import type { CommandRequest, CommandResponse } from '../../../shared/contract';
import { appError, err, ok, type Result } from '../../../shared/result';
import type { Incident } from '../../../shared/incident';
import { exportMentions, type SearchMentions } from '../export/mentions-export';
import { renderPostmortem } from '../export/postmortem';
import type { PdfRenderer } from '../runtime/chromium-pdf';

/** What the export commands need from the hub. */
export interface ExportContext {
  readonly now: () => number;
  /** One incident with its workflow (null: no such incident). */
  readonly incident: (id: string) => Promise<Incident | null>;
  /** The store's mention search (or its stand-in). */
  readonly searchMentions: SearchMentions;
  /** Absent: this hub cannot make PDFs (the command says so). */
  readonly renderPdf?: PdfRenderer;
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const safeName = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, '_');

/** `incident:postmortem`: the hub renders the HTML; PDF is that HTML printed by the host's renderer. */
export async function postmortemCommand(
  ctx: ExportContext,
  req: CommandRequest<'incident:postmortem'>,
): Promise<Result<CommandResponse<'incident:postmortem'>>> {
  const incident = await ctx.incident(req.id);
  if (incident === null) return err(appError('not-found', `No incident "${req.id}".`));
  const html = renderPostmortem(incident, ctx.now());
  const name = `earshot-postmortem-${safeName(incident.id)}`;
  if (req.format === 'html')
    return ok({ filename: `${name}.html`, contentType: 'text/html', encoding: 'utf8', content: html });
  if (ctx.renderPdf === undefined)
    return err(appError('unavailable', 'PDF export is not available on this hub; export the HTML and print it.'));
  const pdf = await ctx.renderPdf(html);
  if (!pdf.ok) return pdf;
  return ok({
    filename: `${name}.pdf`,
    contentType: 'application/pdf',
    encoding: 'base64',
    content: base64(pdf.value),
  });
}

/** `mentions:export`: pages through the search with the feed's filter, bounded by a row cap it reports. */
export async function mentionsExportCommand(
  ctx: ExportContext,
  req: CommandRequest<'mentions:export'>,
): Promise<Result<CommandResponse<'mentions:export'>>> {
  if (req.filter.from !== undefined && req.filter.to !== undefined && req.filter.to <= req.filter.from)
    return err(appError('invalid-request', 'mentions:export needs from before to.'));
  const result = await exportMentions({
    search: ctx.searchMentions,
    filter: req.filter,
    format: req.format,
    now: ctx.now(),
    ...(req.maxRows === undefined ? {} : { maxRows: req.maxRows }),
  });
  return ok(result);
}
