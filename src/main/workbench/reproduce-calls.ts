// The reproduction as a preset experiment of the app: start it (one at a time), follow it, cancel it, and
// read its report folder's files. Its runs go through the same queue as every other run.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CallInput, CallOutput } from '../../shared/api-contract';
import type { ExportedFile } from '../../shared/api-inspect-types';
import type { ReproductionSummary } from '../../shared/api-reproduction-types';
import { ConflictError, NotFoundError } from '../../shared/api-wire';
import { encodeBase64 } from '../../shared/base64';
import { EXPERIMENTS } from '../reproduce/experiments';
import type { Call } from '../../shared/api-dispatch';
import { sessionTag } from '../reproduce/pipeline';
import { startReproduction } from '../reproduce/reproduce';
import { ReproductionRecord } from '../reproduce/reproduction-record';
import { scaleFor } from '../reproduce/scale';
import { timestampName } from '../reproduce/session-name';
import { reportsDir, storedRecords } from '../reproduce/stored-records';
import type { RunManager } from '../runs/run-manager';
import type { EventHub } from './event-hub';
import type { TrainGate } from './train-gate';

const MIME: Record<string, string> = {
  md: 'text/markdown',
  html: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  csv: 'text/csv',
  tex: 'application/x-tex',
};

export class ReproduceCalls {
  private current: { record: ReproductionRecord; cancel: () => Promise<void> } | null = null;

  constructor(
    private readonly dataDir: string,
    /** Null when read-only: nothing can train. */
    private readonly manager: RunManager | null,
    private readonly hub: EventHub,
    /** The workbench's own calls, validated as every front door's. */
    private readonly call: Call,
    private readonly gate: TrainGate,
  ) {}

  async startReproduction({ scale, dataset }: CallInput<'startReproduction'>): Promise<ReproductionSummary> {
    this.mayStart();
    // Before the report folder: a reproduction on a missing dataset queued 13 runs that all failed.
    await this.gate.reproduction(scale, dataset);
    this.mayStart();
    const { id, folder } = this.newFolder();
    return this.launch({ id, scale, dataset, tag: sessionTag(id), folder, startedAt: Date.now() });
  }

  /**
   * Writes the report of a reproduction that stopped before writing it (the app closed, or it failed) from
   * the runs of it that finished, into its own folder: nothing trains.
   */
  async writeReproductionReport({ id }: CallInput<'writeReproductionReport'>): Promise<ReproductionSummary> {
    this.mayStart();
    const r = this.find(id);
    if (r.status === 'completed' || r.status === 'cancelled') throw new ConflictError(`reproduction ${id} has its report already (it is ${r.status})`);
    if (!r.tag) throw new ConflictError(`reproduction ${id}: ${r.error ?? 'its record cannot be read'}`);
    const active = await this.call('listRuns', { tags: [r.tag], status: ['queued', 'running'], limit: 1 });
    if (active.length > 0) throw new ConflictError(`reproduction ${id} still has runs queued or training: wait for them or cancel them first`);
    return this.launch({ ...r, startedAt: r.startedAt || Date.now(), log: r.log }, r.tag);
  }

  private launch(init: ConstructorParameters<typeof ReproductionRecord>[0], reportOnly?: string): ReproductionSummary {
    const manager = this.manager!;
    const record = new ReproductionRecord(init, EXPERIMENTS, (summary) => this.hub.emit({ event: 'reproductionUpdated', payload: summary }));
    const hooks = record.hooks();
    const reproduction = startReproduction(
      { call: this.call, waitFor: (runId) => manager.waitFor(runId) },
      {
        scale: scaleFor(init.scale, init.dataset),
        outDir: init.folder,
        command: `NN Workbench → Reproduce (${init.scale})${reportOnly ? ', report written from its stored runs' : ''}`,
        session: init.tag,
        reportOnly,
        log: hooks.log,
        progress: hooks,
        beforeWriting: () => {
          // Closed under it: write nothing (the record says interrupted and lists no files).
          if (!record.active) throw new Error('the reproduction was interrupted');
          record.writing();
        },
      },
    );
    let cancelled = false;
    void reproduction.result.then(
      (r) => record.end(cancelled ? 'cancelled' : 'completed', { files: r.files, headline: r.headline }),
      (err: unknown) => record.end('failed', { error: err instanceof Error ? err.message : String(err) }),
    );
    this.current = {
      record,
      cancel: () => {
        cancelled = true;
        return reproduction.cancel();
      },
    };
    return record.summary;
  }

  /** One at a time, and only where runs can train. */
  private mayStart(): void {
    if (!this.manager) throw new ConflictError('the workbench is open read-only: it cannot start a reproduction');
    if (this.current?.record.active) throw new ConflictError(`reproduction ${this.current.record.summary.id} is still running: cancel it or wait for it`);
  }

  listReproductions(): ReproductionSummary[] {
    const live = this.current?.record.summary;
    const stored = storedRecords(this.dataDir).filter((r) => r.id !== live?.id);
    return live ? [live, ...stored].sort((a, b) => b.id.localeCompare(a.id)) : stored;
  }

  async cancelReproduction({ id }: CallInput<'cancelReproduction'>): Promise<ReproductionSummary> {
    const summary = this.find(id);
    if (this.current?.record.summary.id !== id || !this.current.record.active) return summary;
    await this.current.cancel();
    return this.current.record.summary;
  }

  getReportFile({ id, file }: CallInput<'getReportFile'>): CallOutput<'getReportFile'> {
    const summary = this.find(id);
    // Only the files it wrote: the input schema already refuses "..", this refuses anything else in the folder.
    if (!summary.files.includes(file))
      throw new NotFoundError(`reproduction ${id} has no file "${file}"${summary.files.length ? '' : ' (its report is not written yet)'}`);
    const ext = file.slice(file.lastIndexOf('.') + 1);
    const fileName = `${id}-${file.replace(/\//g, '-')}`;
    const data = readFileSync(path.join(summary.folder, file));
    const out: ExportedFile =
      ext === 'png'
        ? { fileName, mimeType: MIME.png!, encoding: 'base64', data: encodeBase64(data) }
        : { fileName, mimeType: Object.hasOwn(MIME, ext) ? MIME[ext]! : 'text/plain', encoding: 'utf8', data: data.toString('utf8') };
    return out;
  }

  /**
   * The app is closing: a reproduction still running is recorded as interrupted, and its queued runs are
   * cancelled with its running ones (no orphan of it trains at the next start); what finished is kept.
   */
  async close(): Promise<void> {
    const current = this.current;
    if (!current?.record.active) return;
    current.record.end('interrupted', { error: 'the app was closed before this reproduction finished; the runs that finished are kept' });
    await current.cancel();
  }

  private find(id: string): ReproductionSummary {
    const summary = this.listReproductions().find((r) => r.id === id);
    if (!summary) throw new NotFoundError(`reproduction ${id} not found`);
    return summary;
  }

  /** A fresh folder under reports/, named by the time (with a suffix when two start in one second). */
  private newFolder(): { id: string; folder: string } {
    const base = timestampName(new Date());
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      const folder = path.join(reportsDir(this.dataDir), id);
      if (existsSync(folder)) continue;
      mkdirSync(folder, { recursive: true });
      return { id, folder };
    }
  }
}
