import { Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PlanTask, WorkItem } from '../../api/types';
import { LIGHT_COLOURS } from '../../components/work-item-tags';
import { useI18n } from '../../i18n';

interface MatrixProps {
  tasks: PlanTask[];
  items: WorkItem[];
}

interface Province {
  id: string;
  name: string;
}

const supportingProvinces = (task: PlanTask) =>
  (task.supportUnits ?? []).filter((unit) => unit.role === 'lead_province');

/**
 * Rows: the provinces that lead or support some task (leads first); columns: the tasks; a cell:
 * that province's item, a supporting (配合) one drawn hollow so the leads stand out.
 */
function provincesOf(tasks: PlanTask[]): Province[] {
  const byId = new Map<string, Province>();
  for (const task of tasks)
    for (const unit of task.leadProvinces) byId.set(unit.id, { id: unit.id, name: unit.name });
  for (const task of tasks)
    for (const unit of supportingProvinces(task)) byId.set(unit.id, { id: unit.id, name: unit.name });
  return [...byId.values()];
}

export function ProvinceMatrix({ tasks, items }: MatrixProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const itemByCell = new Map(items.map((item) => [`${item.organizationId}:${item.taskId}`, item]));
  const provinces = provincesOf(tasks);
  const columns = tasks.filter(
    (task) => task.leadProvinces.length > 0 || supportingProvinces(task).length > 0,
  );

  return (
    <>
      <Typography.Paragraph type="secondary">{t('plan.matrixHint')}</Typography.Paragraph>
      <div className="matrix-scroll" role="region" aria-label={t('plan.tabMatrix')} tabIndex={0}>
        <table className="province-matrix">
          <thead>
            <tr>
              <th scope="col" className="matrix-corner" />
              {columns.map((task) => (
                <th key={task.id} scope="col">
                  <Tooltip title={task.title}>
                    <span>{task.code}</span>
                  </Tooltip>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {provinces.map((province) => (
              <tr key={province.id}>
                <th scope="row">{province.name}</th>
                {columns.map((task) => {
                  const item = itemByCell.get(`${province.id}:${task.id}`);
                  if (!item) return <td key={task.id} className="matrix-empty" />;
                  const support = item.responsibility === 'support';
                  const label = `${province.name}${support ? `（${t('responsibility.support')}）` : ''} · ${task.code} ${task.title} · ${t(`light.${item.trafficLight}`)} · ${item.progress}%`;
                  return (
                    <td key={task.id}>
                      <Tooltip title={label}>
                        <button
                          type="button"
                          className="matrix-cell"
                          data-light={item.trafficLight}
                          data-responsibility={item.responsibility}
                          aria-label={label}
                          style={
                            support
                              ? {
                                  background: 'transparent',
                                  border: `2px solid ${LIGHT_COLOURS[item.trafficLight]}`,
                                  color: 'inherit',
                                }
                              : { background: LIGHT_COLOURS[item.trafficLight] }
                          }
                          onClick={() => navigate(`/work-items/${item.id}`)}
                        >
                          {item.progress}
                        </button>
                      </Tooltip>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
