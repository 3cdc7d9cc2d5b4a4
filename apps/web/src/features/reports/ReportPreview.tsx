import { Skeleton } from 'antd';
import { apiResponse } from '../../api/client';
import { useApi } from '../../api/use-api';
import { AsyncContent } from '../../components/AsyncContent';
import { useI18n } from '../../i18n';

/**
 * The HTML report inside the page. It is fetched with the user's token (an iframe src could not
 * send it) and shown in a sandbox without scripts.
 */
export function ReportPreview({ runId }: { runId: string }) {
  const { t } = useI18n();
  const html = useApi(
    async (signal) =>
      (await apiResponse(`/api/reports/${runId}/download`, { query: { format: 'html' }, signal })).text(),
    [runId],
  );
  if (html.loading && !html.data) return <Skeleton active />;
  return (
    <AsyncContent state={html}>
      {(document) => (
        <iframe
          title={t('reports.preview')}
          sandbox=""
          srcDoc={document}
          className="report-preview"
          data-testid="report-preview"
        />
      )}
    </AsyncContent>
  );
}
