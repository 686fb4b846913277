import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { PolicyPreview, PolicyVersionView } from '../../../../shared/api/policy-editor';
import { policyChanges } from '../../../../shared/policy/diff';
import { api } from '../../api/client';
import { errorMessage } from '../../store/errors';
import type { PolicyFormValues } from './policy-form';
import { checkPolicyForm, formValuesFrom, unplacedErrors } from './policy-form';
import { PreviewPanel } from './PreviewPanel';
import { PublishPanel } from './PublishPanel';
import { CollectionSection } from './sections/CollectionSection';
import { HardshipSection } from './sections/HardshipSection';
import { NonCoveredSection } from './sections/NonCoveredSection';
import { StatementsSection } from './sections/StatementsSection';
import { WriteOffSection } from './sections/WriteOffSection';

interface Props {
  /** The version in force: the starting point, and what publishing is based on. */
  inForce: PolicyVersionView;
  onPublished: (version: number) => void;
  /** Reload the version in force (after someone else published). */
  onReload: () => void;
}

/** Edit the policy in force, preview what the change does to open items, then publish it as the next version. */
export function PolicyEditor({ inForce, onPublished, onReload }: Props) {
  const [values, setValues] = useState<PolicyFormValues>(() => formValuesFrom(inForce.document));
  const [preview, setPreview] = useState<{ documentJson: string; result: PolicyPreview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<string | null>(null);

  const check = useMemo(() => checkPolicyForm(values, inForce.document), [values, inForce.document]);
  const documentJson = check.document ? JSON.stringify(check.document) : null;
  const changes = useMemo(() => (check.document ? policyChanges(inForce.document, check.document) : []), [check.document, inForce.document]);
  const problems = Object.keys(check.errors).length;
  const otherProblems = unplacedErrors(check.errors, values.tiers.length);
  const previewIsCurrent = preview !== null && preview.documentJson === documentJson;

  const onChange = (patch: Partial<PolicyFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const sectionProps = { values, errors: check.errors, onChange };

  async function runPreview(): Promise<void> {
    if (!check.document || !documentJson) return;
    setPreviewing(true);
    setPreviewError(null);
    try {
      setPreview({ documentJson, result: await api('previewPolicy', { document: check.document }) });
    } catch (error) {
      setPreviewError(errorMessage(error));
    } finally {
      setPreviewing(false);
    }
  }

  return (
    <Stack gap="md" component="section" aria-labelledby="policy-editor-heading">
      <Title order={3} id="policy-editor-heading">
        Change the policy
      </Title>
      <Text size="sm" c="dimmed">
        You are editing version {inForce.version}. Nothing changes for the desk until you publish; every decision names the version it was made under.
      </Text>
      <form
        noValidate
        aria-label="Financial policy settings"
        onSubmit={(event) => {
          event.preventDefault();
          void runPreview();
        }}
      >
        <Stack gap="md">
          <StatementsSection {...sectionProps} />
          <NonCoveredSection {...sectionProps} />
          <HardshipSection {...sectionProps} />
          <CollectionSection {...sectionProps} />
          <WriteOffSection {...sectionProps} />
          {otherProblems.length > 0 && (
            <Alert color="red" title="Other problems" role="alert">
              <List size="sm">
                {otherProblems.map((message) => (
                  <List.Item key={message}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <ChangeSummary problems={problems} changes={changes.map((c) => c.text)} />
          <Group gap="sm">
            <Button type="submit" loading={previewing} disabled={problems > 0 || changes.length === 0}>
              Preview changes
            </Button>
            <Button variant="default" disabled={changes.length === 0 && problems === 0} onClick={() => setValues(formValuesFrom(inForce.document))}>
              Undo my changes
            </Button>
          </Group>
        </Stack>
      </form>
      {previewError && (
        <Alert color="red" title="The preview could not be made" role="alert">
          {previewError}
        </Alert>
      )}
      {preview && !previewIsCurrent && (
        <Text size="sm" c="dimmed">
          You changed the form after the preview below. Preview again to see the effect of what you have now.
        </Text>
      )}
      {preview && <PreviewPanel preview={preview.result} stale={!previewIsCurrent} />}
      {previewIsCurrent && preview.result.valid && check.document && (
        <PublishPanel document={check.document} basedOnVersion={inForce.version} onPublished={onPublished} onReload={onReload} />
      )}
    </Stack>
  );
}

function ChangeSummary({ problems, changes }: { problems: number; changes: string[] }) {
  if (problems > 0) {
    return (
      <Text size="sm" c="red.8" role="status">
        {problems === 1 ? 'One setting needs' : `${problems} settings need`} fixing before you can preview.
      </Text>
    );
  }
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed" role="status">
        No changes yet.
      </Text>
    );
  }
  return (
    <div role="status">
      <Text size="sm" fw={500}>
        You changed {changes.length === 1 ? 'one setting' : `${changes.length} settings`}:
      </Text>
      <List size="sm">
        {changes.map((text) => (
          <List.Item key={text}>{text}</List.Item>
        ))}
      </List>
    </div>
  );
}
