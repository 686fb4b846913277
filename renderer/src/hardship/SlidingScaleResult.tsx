import { Text } from '@mantine/core';
import type { HardshipAssessment } from '../../../shared/api/hardship';
import { reasonView } from '../desk/verdict-view';
import { discountWords } from './hardship-words';
import { TitledAlert } from './TitledAlert';

/** The sliding-scale result as the engine computed it: the discount, why (income against the guideline), the clause and policy version. */
export function SlidingScaleResult({ result, title }: { result: HardshipAssessment; title?: string }) {
  const view = reasonView(result.explanation);
  return (
    <TitledAlert color={result.discountPercent > 0 ? 'blue' : 'gray'} title={title ?? `Sliding scale: ${discountWords(result.discountPercent)}`}>
      <Text size="sm">{view.text}</Text>
      <Text size="xs" c="gray.7" mt={4}>
        {view.clause}
      </Text>
    </TitledAlert>
  );
}
