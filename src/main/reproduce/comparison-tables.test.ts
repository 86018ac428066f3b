// Tables 2 and 3 read back from their CSV by column id.
import { describe, expect, it } from 'vitest';
import { COMPARISON_TABLES, comparisonRows } from './comparison-tables';

const CSV = [
  'lr,hidden,l2,report_train_accuracy,report_test_accuracy,ours_report_setup_train_accuracy,ours_report_setup_train_pass_accuracy,ours_report_setup_test_accuracy,ours_modern_train_accuracy,ours_modern_train_pass_accuracy,ours_modern_test_accuracy',
  '0.0001,"[128, 64]",0.001,0.1117,0.1149,0.1124,0.1124,0.1135,0.66,0.67,0.6699',
  '0.01,"[128, 64]",0.001,0.9606,0.9718,0.972,0.976,0.9705,0.95,0.955,0.9528',
  '0.05,"[64, 64]",0.01,,,0.9,0.91,0.92,,,',
].join('\n');

describe('comparisonRows', () => {
  it("reads the report's and both setups' test accuracies by column id, blanks as null", () => {
    const rows = comparisonRows(CSV, COMPARISON_TABLES[0].columns);
    expect(rows[0]).toEqual({ cell: 'lr 0.0001 · [128, 64] · L2 0.001', report: 0.1149, reportSetup: 0.1135, modern: 0.6699 });
    expect(rows[2]).toEqual({ cell: 'lr 0.05 · [64, 64] · L2 0.01', report: null, reportSetup: 0.92, modern: null });
  });

  it('leaves the hidden sizes out of a table without them', () => {
    const rows = comparisonRows(
      'lr,l2,report_test_accuracy,ours_report_setup_test_accuracy,ours_modern_test_accuracy\n0.01,0.001,0.9764,0.9759,0.9612\n',
      COMPARISON_TABLES[1].columns,
    );
    expect(rows).toEqual([{ cell: 'lr 0.01 · L2 0.001', report: 0.9764, reportSetup: 0.9759, modern: 0.9612 }]);
  });
});
