import { Alert, Combobox, Loader, Paper, TextInput, useCombobox } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { PatientSummary } from '../../../shared/contract';
import { useSearchShortcuts } from '../hooks/use-search-shortcuts';
import { appStore, useAppStore } from '../store';
import { SEARCH_PAGE_SIZE } from '../store/search-slice';
import { SearchAnnouncement } from './SearchAnnouncement';
import { SearchOption } from './SearchOption';
import optionClasses from './SearchOption.module.css';

function optionId(listId: string, patientId: number): string {
  return `${listId}-patient-${patientId}`;
}

/**
 * The check-in search box: results as you type, ArrowDown/ArrowUp through them,
 * Enter opens the highlighted patient (or the only match, even one still on its way),
 * Escape closes the list and then clears the box.
 * An ARIA combobox whose keyboard handling lives here (highlight state is in the store).
 */
export function PatientSearch() {
  const query = useAppStore((s) => s.query);
  const results = useAppStore((s) => s.results);
  const status = useAppStore((s) => s.searchStatus);
  const error = useAppStore((s) => s.searchError);
  const listOpen = useAppStore((s) => s.listOpen);
  const highlighted = useAppStore((s) => s.highlighted);
  const setQuery = useAppStore((s) => s.setQuery);
  const setListOpen = useAppStore((s) => s.setListOpen);

  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId().replace(/:/g, '');
  const showList = listOpen && (results.length > 0 || status === 'done');
  const combobox = useCombobox({ opened: showList, onOpenedChange: setListOpen });
  const activeId = showList && highlighted >= 0 && results[highlighted] ? optionId(listId, results[highlighted].id) : undefined;

  useSearchShortcuts(inputRef);
  useEffect(() => inputRef.current?.focus(), []);
  // Keep the highlighted result in sight as the arrow keys move through a long list.
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  function open(patient: PatientSummary): void {
    appStore.getState().openResult(patient);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.nativeEvent.isComposing) return;
    const state = appStore.getState();
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        state.moveHighlight(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter':
        event.preventDefault();
        state.submitSearch();
        break;
      case 'Escape':
        event.preventDefault();
        if (state.listOpen) state.setListOpen(false);
        else if (state.query) state.clearSearch();
        break;
    }
  }

  return (
    <Paper withBorder shadow="xs" p={{ base: 'sm', sm: 'md' }}>
      <Combobox
        store={combobox}
        onOptionSubmit={(value) => {
          const patient = appStore.getState().results.find((p) => String(p.id) === value);
          if (patient) open(patient);
        }}
        position="bottom-start"
        shadow="md"
        middlewares={{ flip: false, shift: false }}
        classNames={{ option: optionClasses.option }}
      >
        <Combobox.Target withAriaAttributes={false} withKeyboardNavigation={false}>
          <TextInput
            ref={inputRef}
            label="Search patients"
            description="Name, MRN, date of birth (MM/DD/YYYY) or phone"
            placeholder="e.g. smith jo · 03/02/1980 · MRN"
            size="lg"
            value={query}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={showList ? listId : undefined}
            aria-activedescendant={activeId}
            onChange={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={onKeyDown}
            onFocus={() => setListOpen(true)}
            onBlur={() => setListOpen(false)}
            rightSection={status === 'searching' ? <Loader size="sm" aria-label="Searching" /> : null}
          />
        </Combobox.Target>

        <Combobox.Dropdown>
          <Combobox.Options
            id={listId}
            aria-label="Matching patients"
            aria-busy={status === 'searching' || undefined}
            mah="min(26rem, 55vh)"
            style={{ overflowY: 'auto' }}
          >
            {results.map((patient, index) => (
              <Combobox.Option
                key={patient.id}
                value={String(patient.id)}
                id={optionId(listId, patient.id)}
                selected={index === highlighted}
                aria-selected={index === highlighted}
              >
                <SearchOption patient={patient} />
              </Combobox.Option>
            ))}
            {status === 'done' && results.length === 0 && <Combobox.Empty py="sm">No patients match</Combobox.Empty>}
          </Combobox.Options>
          {results.length >= SEARCH_PAGE_SIZE && (
            <Combobox.Footer>Showing the first {SEARCH_PAGE_SIZE} matches. Type more to narrow the list.</Combobox.Footer>
          )}
        </Combobox.Dropdown>
      </Combobox>

      <SearchAnnouncement />

      {status === 'error' && error && (
        <Alert role="alert" color="red" variant="light" mt="sm" title="Search failed">
          {error}
        </Alert>
      )}
    </Paper>
  );
}
