/** 报名信息: who the candidate is (number and ID masked; the phone revealed on request for a call). */
import { Card, Descriptions } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { nameInLanguage } from '../../lib/catalog-text';
import { PhoneReveal } from './PhoneReveal';
import type { ReviewFile } from './types';
import type { ReviewT } from './useReviewText';

export function RegistrationInfo({ file, rt }: { file: ReviewFile; rt: ReviewT }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" title={rt('info.title')} data-testid="registration-info">
      <Descriptions
        className="descriptions-wrap review-info"
        size="small"
        layout="vertical"
        column={{ xs: 2, sm: 3, md: 4, lg: 2, xl: 2, xxl: 2 }}
        colon={false}
        items={[
          { key: 'name', label: t('reg.name'), children: <strong>{file.name}</strong> },
          { key: 'no', label: t('reg.registrationNo'), children: file.registrationNo },
          { key: 'id', label: t('reg.idNumber'), children: file.idNumberMasked },
          { key: 'phone', label: t('reg.phone'), children: <PhoneReveal no={file.registrationNo} masked={file.phoneMasked} rt={rt} /> },
          { key: 'cat', label: t('reg.examCategory'), children: nameInLanguage(file.examCategory, lang) },
          { key: 'site', label: t('reg.site'), children: `${file.site.name}（${file.site.code}）` },
          { key: 'region', label: t('reg.region'), children: file.region.name },
          { key: 'year', label: t('reg.year'), children: file.year },
        ]}
      />
    </Card>
  );
}
