// The export calls: a run's files, a table of runs, and report figures (ECharts rendered to SVG here).
import type { CallInput } from '../../shared/api-contract';
import type { ExportedFile } from '../../shared/api-inspect-types';
import type { RunSummary } from '../../shared/api-types';
import { ConflictError } from '../../shared/api-wire';
import { encodeBase64 } from '../../shared/base64';
import { figureStem, slug } from '../../shared/figure-names';
import { svgToPng } from '../report/svg-to-png';
import type { Store } from '../db';
import { renderTable } from '../report/run-table';
import { epochsCsv, metricsCsv, summaryMarkdown } from '../report/run-files';
import { tableColumns } from '../report/table-columns';
import { loadGrid } from '../runs/grid-runs';
import { figureSvg } from './figure-export';
import type { InspectCalls } from './inspect-calls';
import { requireGrid, requireRun } from './lookups';
import type { MetricCalls } from './metric-calls';
import type { RunViews } from './run-views';

const utf8 = (fileName: string, mimeType: string, data: string): ExportedFile => ({ fileName, mimeType, encoding: 'utf8', data });

export class ExportCalls {
  constructor(
    private readonly store: Store,
    private readonly views: RunViews,
    private readonly metrics: MetricCalls,
    private readonly inspect: InspectCalls,
  ) {}

  exportRun({ runId, format }: CallInput<'exportRun'>): ExportedFile {
    const run = requireRun(this.store, runId);
    const base = `run-${run.id}-${slug(run.name)}`;
    switch (format) {
      case 'metrics-csv': {
        const series = this.store.metrics.keys(runId).map((k) => this.metrics.points(run, k.key));
        return utf8(`${base}-metrics.csv`, 'text/csv', metricsCsv(series, run.startedAt ?? run.createdAt));
      }
      case 'epochs-csv':
        return utf8(`${base}-epochs.csv`, 'text/csv', epochsCsv(this.views.detail(run)));
      case 'config-json':
        return utf8(`${base}-config.json`, 'application/json', `${JSON.stringify(run.config, null, 2)}\n`);
      case 'summary-markdown':
        return utf8(`${base}.md`, 'text/markdown', summaryMarkdown(this.views.detail(run)));
      case 'weights-safetensors': {
        const weights = this.store.artifacts.weights(runId);
        if (!weights) throw new ConflictError(`run ${runId} has no trained weights yet (it is ${run.status}); they are stored when the run ends`);
        return { fileName: `${base}.safetensors`, mimeType: 'application/octet-stream', encoding: 'base64', data: encodeBase64(weights.data) };
      }
    }
  }

  exportTable({ runIds, gridId, format, columns }: CallInput<'exportTable'>): ExportedFile {
    let runs: RunSummary[];
    let params: string[] | undefined;
    let name: string;
    if (gridId !== undefined) {
      requireGrid(this.store, gridId);
      const grid = loadGrid(this.store, gridId);
      runs = grid.cells.map((c) => this.views.summary(c.run));
      params = Object.keys(grid.spec.parameters);
      name = `grid-${gridId}-${slug(grid.experiment.name)}`;
    } else {
      runs = runIds!.map((id) => this.views.summary(requireRun(this.store, id)));
      name = runs.length === 1 ? `run-${runs[0]!.id}` : `runs-${runs.length}`;
    }
    if (runs.length === 0) throw new ConflictError(`grid ${gridId} has no runs left to tabulate`);
    const text = renderTable(format, tableColumns(runs, columns, params), runs);
    const [ext, mime] = format === 'csv' ? ['csv', 'text/csv'] : format === 'markdown' ? ['md', 'text/markdown'] : ['tex', 'application/x-tex'];
    return utf8(`${name}-table.${ext}`, mime, text);
  }

  exportFigure(input: CallInput<'exportFigure'>): ExportedFile {
    const runs = input.runIds.map((id) => requireRun(this.store, id));
    const name = figureStem(runs, input.figure, input.epoch);
    const svg = figureSvg(input, runs, { store: this.store, metrics: this.metrics, inspect: this.inspect });
    if (input.format === 'png') {
      return { fileName: `${name}.png`, mimeType: 'image/png', encoding: 'base64', data: encodeBase64(svgToPng(svg)) };
    }
    return utf8(`${name}.svg`, 'image/svg+xml', svg);
  }
}
