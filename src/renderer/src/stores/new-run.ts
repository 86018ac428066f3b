// The new-run form: its draft (kept while the user looks elsewhere), field errors, and starting the run.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RunPlacement } from '../../../shared/api-placement';
import type { DatasetListing, RunSummary } from '../../../shared/api-types';
import { errorField, errorMessage, errorReason } from '../lib/errors';
import { formFieldOf, formToConfig, MNIST_CONTEXT, type FieldErrors, type FormContext } from '../lib/run-form-parse';
import { configToForm, defaultRunForm, type RunFormState } from '../lib/run-form-state';
import { RUN_PRESETS } from '../lib/run-presets';
import { useAppStore } from './app';
import { useRunsStore } from './runs';

export const useNewRunStore = defineStore('new-run', () => {
  const form = ref<RunFormState>(defaultRunForm());
  const errors = ref<FieldErrors>({});
  const submitting = ref(false);
  /** Run locally or on workers; null: the workbench's setting. */
  const placement = ref<RunPlacement | null>(null);
  /** The run this form was forked from: starting it links the new run to its parent. */
  const forkedFrom = ref<RunSummary | null>(null);
  const presetId = ref<string | null>('report-best-mlp');
  /** True once the user tried to start: from then on, errors update as they type. */
  const attempted = ref(false);

  /** The last folder the service looked at (its shape and classes size the model). */
  const folderListing = ref<DatasetListing | null>(null);

  const context = computed<FormContext>(() => {
    const listing = form.value.dataset === 'folder' ? folderListing.value : useAppStore().dataset(form.value.dataset);
    if (!listing?.shape) return MNIST_CONTEXT;
    return { input: listing.shape, classes: listing.classNames.length || 10 };
  });

  function reset(): void {
    form.value = defaultRunForm();
    errors.value = {};
    forkedFrom.value = null;
    presetId.value = 'report-best-mlp';
    attempted.value = false;
  }

  function applyPreset(id: string): void {
    const preset = RUN_PRESETS.find((p) => p.id === id);
    if (!preset) return;
    form.value = preset.form(form.value);
    presetId.value = id;
    if (attempted.value) validate();
  }

  /** Fills the form from a run's config (fork into the form). */
  function loadFrom(run: RunSummary): void {
    form.value = { ...configToForm(run.config), name: `${run.name} (fork)` };
    forkedFrom.value = run;
    presetId.value = null;
    errors.value = {};
    attempted.value = false;
  }

  function validate(): ReturnType<typeof formToConfig> {
    const result = formToConfig(form.value, context.value);
    errors.value = result.ok ? {} : result.errors;
    return result;
  }

  /** Starts the run; resolves with it, or with null when a field is wrong (errors are then set). */
  async function submit(): Promise<RunSummary | null> {
    attempted.value = true;
    if (!validate().ok) return null;
    submitting.value = true;
    try {
      const { listing, problem } = await useAppStore().usableDataset(form.value.dataset, form.value.folderPath);
      if (problem) {
        errors.value = { [form.value.dataset === 'folder' ? 'folderPath' : 'dataset']: problem };
        return null;
      }
      if (form.value.dataset === 'folder') folderListing.value = listing;
      // Validate again: the folder's image shape and classes may change the model's input and output.
      const result = validate();
      if (!result.ok) return null;
      const runs = useRunsStore();
      const parent = forkedFrom.value;
      const where = placement.value ?? undefined;
      const run = parent ? await runs.fork(parent.id, result.config, where) : await runs.start(result.config, where);
      attempted.value = false;
      return run;
    } catch (err) {
      // The service validates again (and checks what only it can: the folder, the model's shapes).
      const field = errorField(err);
      errors.value = field ? { [formFieldOf(field, form.value)]: errorReason(err) } : { _form: errorMessage(err) };
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { form, errors, submitting, placement, forkedFrom, presetId, attempted, context, folderListing, reset, applyPreset, loadFrom, validate, submit };
});
