import { Form, Input, InputNumber } from 'antd';
import { isValidProgress, isWithinLength } from '@xietong/rules';
import { MessageKey, useI18n } from '../../i18n';

/** The API's limit for an update's text (PostUpdateDto). */
export const UPDATE_TEXT_LIMIT = 5000;

/** 进展情况: required, counted and refused past the limit, never cut. */
export function UpdateTextField({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="text"
      label={t('update.text')}
      rules={[
        { required: true, whitespace: true, message: t('update.textRequired') },
        {
          validator: (_rule, value: string | undefined) =>
            isWithinLength(value, UPDATE_TEXT_LIMIT)
              ? Promise.resolve()
              : Promise.reject(
                  new Error(t('update.textTooLong', { max: UPDATE_TEXT_LIMIT, length: value?.length ?? 0 })),
                ),
        },
      ]}
    >
      {/* Counted, never cut: maxLength would silently drop what was pasted past the limit. */}
      <Input.TextArea rows={4} count={{ show: true, max: UPDATE_TEXT_LIMIT }} autoFocus={autoFocus} />
    </Form.Item>
  );
}

/** Progress 0–100, refused with a message otherwise: no min/max, InputNumber would turn 150 into 100 on blur. */
export function ProgressField({ label }: { label: MessageKey }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="progress"
      label={t(label)}
      rules={[
        {
          validator: (_rule, value) =>
            isValidProgress(value) ? Promise.resolve() : Promise.reject(new Error(t('item.progressRange'))),
        },
      ]}
    >
      <InputNumber step={5} style={{ width: '100%' }} />
    </Form.Item>
  );
}
