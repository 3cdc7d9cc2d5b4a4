import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n';

interface Person {
  id: string;
  displayName: string;
  email: string;
  organizationName: string;
}

/** The picker's value for "no owner": the list's `unassigned=true`. */
export const UNASSIGNED = 'unassigned';

/**
 * 负责人 filter: people of the organizations whose items this user sees (the API decides who),
 * searched as one types, with 未指派 first. `value` is a user id, UNASSIGNED or ''.
 */
export function OwnerFilter({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Asks once typing pauses, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useApi((signal) => api<Person[]>('/api/people', { query: { q }, signal }), [q]);
  // A shared link names the owner by id only: fetch that person's name for the label.
  const chosenId = value && value !== UNASSIGNED ? value : '';
  const chosen = useApi(
    (signal) => (chosenId ? api<Person[]>('/api/people', { query: { id: chosenId }, signal }) : null),
    [chosenId],
  );
  const people = [...(chosen.data ?? []), ...(found.data ?? [])].filter(
    (person, index, all) => all.findIndex((other) => other.id === person.id) === index,
  );
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      onSearch={setTyped}
      onOpenChange={(open) => !open && setTyped('')}
      loading={found.loading}
      placeholder={t('items.owner')}
      aria-label={t('items.owner')}
      data-testid="owner-filter"
      value={value || undefined}
      onChange={(next?: string) => onChange(next ?? '')}
      notFoundContent={found.loading ? t('common.loading') : t('items.noPeople')}
      options={[
        ...(q ? [] : [{ value: UNASSIGNED, label: t('items.unassigned') }]),
        ...people.map((person) => ({
          value: person.id,
          label: `${person.displayName} · ${person.organizationName}`,
        })),
      ]}
      style={{ width: 200 }}
      popupMatchSelectWidth={260}
    />
  );
}
