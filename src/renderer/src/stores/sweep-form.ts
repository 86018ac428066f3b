// The new-sweep form: a base run config (the run form's sections), the parameters to search and how, the metric,
// budget and early termination; presets from `shared/sweep-presets`, and starting it.
import { defineStore } from 'pinia';
import type { RunPlacement } from '../../../shared/api-placement';
import { computed, ref } from 'vue';
import type { SweepSummary } from '../../../shared/api-sweep-types';
import type { SweepMethod } from '../../../shared/api-sweep-types';
import { runConfigSchema } from '../../../shared/run-config';
import { SWEEP_PRESETS, type SweepPreset } from '../../../shared/sweep-presets';
import { errorField, errorMessage, errorReason } from '../lib/errors';
import { formFieldOf, formToConfig, type FieldErrors } from '../lib/run-form-parse';
import { configToForm, defaultRunForm, type RunFormState } from '../lib/run-form-state';
import { buildSweepSpec, defaultSweepSettings, sweepFieldOf, type SweepErrors, type SweepSettings } from '../lib/sweep-form';
import { rowForMethod, rowFromPreset, sweepRow, SWEEP_PATHS, type SweepRow } from '../lib/sweep-rows';
import { useAppStore } from './app';
import { useNewRunStore } from './new-run';
import { useSweepsStore } from './sweeps';

/** The preset's base with the user's dataset kept (and their data sizes, unless the preset is about its own). */
function presetBase(p: SweepPreset, current: RunFormState): RunFormState {
  const form = configToForm(runConfigSchema.parse(p.spec.base));
  const data = { dataset: current.dataset, folderPath: current.folderPath };
  return { ...form, ...data, ...(!p.keepsLimits && { limitTrain: current.limitTrain, limitTest: current.limitTest }), name: '' };
}

function presetSettings(p: SweepPreset): SweepSettings {
  const s = p.spec;
  const e = s.early_terminate;
  const d = defaultSweepSettings();
  return {
    ...d,
    name: s.name,
    method: s.method,
    metric: s.metric.name,
    goal: s.metric.goal,
    runCap: s.run_cap === undefined ? '' : String(s.run_cap),
    seed: String(s.seed ?? 0),
    startupTrials: String(s.bayes?.startup_trials ?? d.startupTrials),
    early: e?.type ?? 'none',
    ...(e?.type === 'hyperband' && { minIter: String(e.min_iter), eta: String(e.eta) }),
    ...(e?.type === 'median' && { warmupEpochs: String(e.warmup_epochs), minTrials: String(e.min_trials) }),
  };
}

export const useSweepFormStore = defineStore('sweep-form', () => {
  const first = SWEEP_PRESETS.find((p) => p.id === 'random-asha') ?? SWEEP_PRESETS[0]!;
  const base = ref<RunFormState>(presetBase(first, defaultRunForm()));
  const rows = ref<SweepRow[]>(Object.entries(first.spec.parameters).map(([k, p]) => rowFromPreset(k, p)));
  const settings = ref<SweepSettings>(presetSettings(first));
  const presetId = ref<string | null>(first.id);
  const baseErrors = ref<FieldErrors>({});
  const errors = ref<SweepErrors>({});
  const submitting = ref(false);
  /** Where its runs train; null: the workbench's setting. */
  const placement = ref<RunPlacement | null>(null);
  const attempted = ref(false);

  /** The spec as the form stands; a base that does not read still lets the rest be checked, against the default. */
  const build = computed(() => {
    const context = useNewRunStore().context;
    const b = formToConfig(base.value, context);
    if (b.ok) return { ...buildSweepSpec(b.config, rows.value, settings.value), baseErrors: {} as FieldErrors };
    const fallback = formToConfig(defaultRunForm(), context);
    const rest = fallback.ok ? buildSweepSpec(fallback.config, rows.value, settings.value) : { errors: {}, trials: null };
    return { spec: null, errors: rest.errors, trials: rest.trials, baseErrors: b.errors };
  });

  function applyPreset(id: string): void {
    const p = SWEEP_PRESETS.find((x) => x.id === id);
    if (!p) return;
    base.value = presetBase(p, base.value);
    rows.value = Object.entries(p.spec.parameters).map(([k, v]) => rowFromPreset(k, v));
    settings.value = presetSettings(p);
    presetId.value = id;
    if (attempted.value) validate();
  }

  /** Switches the method, carrying each row's numbers over to a kind the method takes. */
  function setMethod(method: SweepMethod): void {
    settings.value = { ...settings.value, method, ...(method !== 'grid' && !settings.value.runCap.trim() && { runCap: '10' }) };
    rows.value = rows.value.map((r) => rowForMethod(r, method));
  }

  function addRow(): void {
    const used = new Set(rows.value.map((r) => r.path));
    const next = SWEEP_PATHS.map((p) => p.path).find((p) => !used.has(p)) ?? '';
    rows.value = [...rows.value, rowForMethod(sweepRow(next), settings.value.method)];
  }
  function removeRow(i: number): void {
    rows.value = rows.value.filter((_, j) => j !== i);
  }

  function validate(): boolean {
    const b = build.value;
    baseErrors.value = { ...b.baseErrors };
    errors.value = { ...b.errors };
    return b.spec !== null;
  }

  async function submit(): Promise<SweepSummary | null> {
    attempted.value = true;
    if (!validate() || !build.value.spec) return null;
    submitting.value = true;
    try {
      const { problem } = await useAppStore().usableDataset(base.value.dataset, base.value.folderPath);
      if (problem) {
        baseErrors.value = { [base.value.dataset === 'folder' ? 'folderPath' : 'dataset']: problem };
        return null;
      }
      const started = await useSweepsStore().start({ ...build.value.spec, ...(placement.value && { placement: placement.value }) });
      attempted.value = false;
      return started;
    } catch (err) {
      const field = sweepFieldOf(errorField(err)?.split('.') ?? [], rows.value);
      if (field.startsWith('base.')) baseErrors.value = { [formFieldOf(field.slice(5), base.value)]: errorReason(err) };
      else errors.value = { [field]: field === '_sweep' ? errorMessage(err) : errorReason(err) };
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return {
    base,
    rows,
    settings,
    presetId,
    baseErrors,
    errors,
    submitting,
    placement,
    attempted,
    build,
    applyPreset,
    setMethod,
    addRow,
    removeRow,
    validate,
    submit,
  };
});
