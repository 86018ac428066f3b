// Exports the user asked for: tables (CSV, Markdown, LaTeX) and run files (metrics CSV, weights, …), saved at once.
import { defineStore } from 'pinia';
import type { ExportedFile } from '../../../shared/api-inspect-types';
import { api } from '../api';
import { saveExportedFile } from '../lib/download';

export type TableFormat = 'csv' | 'markdown' | 'latex';
export type RunExportFormat = 'metrics-csv' | 'epochs-csv' | 'config-json' | 'weights-safetensors' | 'summary-markdown';

export const TABLE_FORMATS: readonly { id: TableFormat; label: string; hint: string }[] = [
  { id: 'csv', label: 'CSV', hint: '.csv' },
  { id: 'markdown', label: 'Markdown', hint: '.md' },
  { id: 'latex', label: 'LaTeX (booktabs)', hint: '.tex' },
];

export const RUN_EXPORTS: readonly { id: RunExportFormat; label: string; hint: string }[] = [
  { id: 'metrics-csv', label: 'Metrics (every step)', hint: 'CSV' },
  { id: 'epochs-csv', label: 'Epoch table', hint: 'CSV' },
  { id: 'config-json', label: 'Config', hint: 'JSON' },
  { id: 'summary-markdown', label: 'Summary', hint: 'Markdown' },
  { id: 'weights-safetensors', label: 'Weights', hint: 'safetensors' },
];

export type FigureKind = 'loss' | 'accuracy' | 'lr' | 'first-layer-weights' | 'conv-kernels' | 'histograms' | 'confusion';

/** Report-ready figures the service draws (ECharts on the server, light theme, 800×500). */
export const FIGURES: readonly { id: FigureKind; label: string; perRun?: boolean }[] = [
  { id: 'loss', label: 'Loss curves' },
  { id: 'accuracy', label: 'Accuracy curves' },
  { id: 'lr', label: 'Learning rate' },
  { id: 'first-layer-weights', label: 'First-layer weights', perRun: true },
  { id: 'conv-kernels', label: 'Conv kernels', perRun: true },
  { id: 'histograms', label: 'Weight histograms', perRun: true },
  { id: 'confusion', label: 'Confusion matrix', perRun: true },
];

export const useExportsStore = defineStore('exports', () => {
  async function save(p: Promise<ExportedFile>): Promise<ExportedFile> {
    const file = await p;
    saveExportedFile(file);
    return file;
  }

  /** `columns`: the ids the table shows (shared/run-columns), so the file has the table's columns in its order. */
  const table = (source: { runIds: number[] } | { gridId: number }, format: TableFormat, columns?: string[]) =>
    save(api().exportTable({ ...source, format, columns }));
  const run = (runId: number, format: RunExportFormat) => save(api().exportRun({ runId, format }));

  const figure = (runIds: number[], kind: FigureKind, format: 'svg' | 'png' = 'svg') => save(api().exportFigure({ runIds, figure: kind, format }));

  return { table, run, figure };
});
