// The grid-search form: a base run config (the run form's sections) plus the parameters to vary.
import { defineStore } from 'pinia';
import type { RunPlacement } from '../../../shared/api-placement';
import { computed, ref } from 'vue';
import type { GridDetail, StartedGrid } from '../../../shared/api-types';
import type { GridValue } from '../../../shared/grid-expand';
import { configToForm, defaultRunForm, type RunFormState } from '../lib/run-form-state';
import { buildGridSpec, gridRow, type GridErrors, type GridRow } from '../lib/grid-form';
import { GRID_PRESETS } from '../lib/grid-presets';
import { refineParameters } from '../lib/grid-refine';
import { asMlp } from '../lib/run-form-state';
import { errorField, errorMessage, errorReason } from '../lib/errors';
import { formFieldOf, formToConfig, type FieldErrors } from '../lib/run-form-parse';
import { useAppStore } from './app';
import { useGridsStore } from './grids';
import { useNewRunStore } from './new-run';

export const useGridFormStore = defineStore('grid-form', () => {
  const preset = GRID_PRESETS[2]!;
  const base = ref<RunFormState>(preset.base(defaultRunForm()));
  const rows = ref<GridRow[]>(preset.rows());
  const name = ref(preset.name);
  const runCap = ref('');
  const parentGridId = ref<number | null>(null);
  /** The number people know that grid by. */
  const parentGridNumber = ref<number | null>(null);
  const presetId = ref<string | null>(preset.id);
  const baseErrors = ref<FieldErrors>({});
  const errors = ref<GridErrors>({});
  const submitting = ref(false);
  /** Where its runs train; null: the workbench's setting. */
  const placement = ref<RunPlacement | null>(null);
  const attempted = ref(false);

  /**
   * The spec as the form stands (errors are shown only once the user tried to start). A base config that does not
   * read still lets the rows be checked, against the default config, so every problem shows at once.
   */
  const build = computed(() => {
    const context = useNewRunStore().context;
    const b = formToConfig(base.value, context);
    const extra = { name: name.value, runCap: runCap.value, parentGridId: parentGridId.value, activation: base.value.activation.split(',')[0]?.trim() };
    if (b.ok) return { ...buildGridSpec(b.config, rows.value, extra), baseErrors: {} as FieldErrors };
    const fallback = formToConfig(defaultRunForm(), context);
    const rowsOnly = fallback.ok ? buildGridSpec(fallback.config, rows.value, extra) : { errors: {}, cells: null };
    const errors = Object.fromEntries(Object.entries(rowsOnly.errors).filter(([k]) => !k.startsWith('base.')));
    return { spec: null, errors, cells: rowsOnly.cells, baseErrors: b.errors };
  });

  function applyPreset(id: string): void {
    const p = GRID_PRESETS.find((x) => x.id === id);
    if (!p) return;
    base.value = p.base(base.value);
    rows.value = p.rows();
    name.value = p.name;
    parentGridId.value = null;
    presetId.value = id;
    if (attempted.value) validate();
  }

  function addRow(): void {
    const used = new Set(rows.value.map((r) => r.path));
    const next = ['lr', 'l2', 'batchSize', 'hidden', 'optimizer.momentum'].find((p) => !used.has(p)) ?? '';
    rows.value = [...rows.value, gridRow(next)];
  }
  function removeRow(i: number): void {
    rows.value = rows.value.filter((_, j) => j !== i);
  }

  function validate(): boolean {
    const b = build.value;
    baseErrors.value = Object.fromEntries(Object.entries(b.baseErrors));
    errors.value = { ...b.errors };
    for (const [k, v] of Object.entries(b.errors)) if (k.startsWith('base.')) baseErrors.value[formFieldOf(k.slice(5), base.value)] = v;
    return b.spec !== null;
  }

  async function submit(): Promise<StartedGrid | null> {
    attempted.value = true;
    if (!validate() || !build.value.spec) return null;
    submitting.value = true;
    try {
      const { problem } = await useAppStore().usableDataset(base.value.dataset, base.value.folderPath);
      if (problem) {
        baseErrors.value = { [base.value.dataset === 'folder' ? 'folderPath' : 'dataset']: problem };
        return null;
      }
      const started = await useGridsStore().start({ ...build.value.spec, ...(placement.value && { placement: placement.value }) });
      attempted.value = false;
      return started;
    } catch (err) {
      const field = errorField(err);
      if (field?.startsWith('base.')) baseErrors.value = { [formFieldOf(field.slice(5), base.value)]: errorReason(err) };
      else errors.value = { _grid: errorMessage(err) };
      return null;
    } finally {
      submitting.value = false;
    }
  }

  /** Fills the form with a finer grid around the best cell of `grid`; false when no cell has a score yet. */
  function refineFrom(grid: GridDetail): boolean {
    const params = refineParameters(grid.spec, grid.cells, grid.id);
    if (!params) return false;
    const firstCell = grid.cells[0]?.run.config;
    base.value = firstCell ? configToForm(firstCell) : defaultRunForm();
    base.value.name = '';
    rows.value = Object.entries(params).map(([path, p]) => {
      const values: GridValue[] = 'values' in p ? p.values : [p.value];
      if (path === 'model') {
        const mlps = values.map((v) => asMlp(v as never));
        if (mlps.every((m) => m !== null)) return gridRow('hidden', mlps.map((m) => m!.hidden.join(' ')).join('; '));
      }
      return gridRow(path, values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', '));
    });
    name.value = `${grid.name} (refined)`;
    parentGridId.value = grid.id;
    parentGridNumber.value = grid.number;
    presetId.value = null;
    errors.value = {};
    baseErrors.value = {};
    return true;
  }

  return {
    base,
    rows,
    name,
    runCap,
    parentGridId,
    parentGridNumber,
    presetId,
    baseErrors,
    errors,
    submitting,
    attempted,
    build,
    applyPreset,
    addRow,
    removeRow,
    validate,
    submit,
    refineFrom,
    placement,
  };
});
