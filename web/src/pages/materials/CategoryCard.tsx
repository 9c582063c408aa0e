import { useState } from 'react';
import { App, Button, Card, Image, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import {
  CheckOutlined,
  DownloadOutlined,
  EyeOutlined,
  LockOutlined,
  MinusOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { MaterialCategory, MaterialImage } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { isAcceptedType } from '../../lib/shrink-core';
import { useDialogHistory } from '../../lib/useDialogHistory';
import { SignalWarning } from './SignalWarning';

/** Helpful names for fixed slots (身份证明: 人像面 then 国徽面). */
const SLOT_HINTS: Record<string, MessageKey[]> = {
  id_card: ['materials.slot.id_card.0', 'materials.slot.id_card.1'],
};

const ACCEPT = 'image/jpeg,image/png,.jpg,.jpeg,.png';
const COMMITMENT_CATEGORY = 'clinical_training_commitment';
const COMMITMENT_PDF = '/api/v1/candidate/documents/commitment-letter.pdf';

interface Props {
  /** DOM id, so a to-do item can scroll here. */
  anchor?: string;
  /** A reviewer's return asked for this category (requestedCategories), with this reason. */
  requestReason?: string | undefined;
  category: MaterialCategory;
  /** Uploads and deletes are possible now (region open, not under review, not final). */
  canModify: boolean;
  underReview: boolean;
  compact: boolean;
  /** A list of leftover images only: no slot, no count, no 必传 tag. */
  leftovers?: boolean;
  /** Several files at once where the category has room; never more than the room. */
  onChoose: (category: MaterialCategory, files: File[]) => void;
  onDelete: (image: MaterialImage) => void;
}

/** One material category: name, 必传, requirements, 示例, and its picture-card slots. */
export function CategoryCard({ anchor, requestReason, category, canModify, underReview, compact, leftovers, onChoose, onDelete }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [exampleOpen, setExampleOpen] = useState(false);
  useDialogHistory(exampleOpen, () => setExampleOpen(false));
  const images = category.images;
  const full = images.length >= category.maxCount;
  const canAdd = canModify && !full && !leftovers;
  const room = Math.max(0, category.maxCount - images.length);
  const byId = new Map(images.map((img) => [img.id, img]));
  const fileList: UploadFile[] = images.map((img) => ({
    uid: img.id,
    name: img.id,
    status: 'done',
    url: img.url,
    thumbUrl: img.thumbnailUrl,
  }));
  const hintKey = SLOT_HINTS[category.code]?.[images.length];
  const missing = category.required && images.length < Math.max(1, category.minCount);
  const countText =
    Number.isFinite(category.maxCount) && category.maxCount < 100
      ? t('materials.count', { count: images.length, max: category.maxCount })
      : t('materials.countOpen', { count: images.length });

  return (
    <Card
      id={anchor}
      className="category-card"
      size={compact ? 'small' : 'default'}
      data-testid={`category-${category.code}`}
      data-count={images.length}
      title={
        <span>
          <span className="category-name">{category.name}</span>
          {leftovers ? null : category.required ? (
            <Tag color="red" data-testid="required-tag">
              {t('materials.required')}
            </Tag>
          ) : (
            <Tag>{t('materials.optional')}</Tag>
          )}
        </span>
      }
      extra={
        leftovers ? undefined : <Space size={8}>
          <Typography.Text type={missing ? undefined : 'secondary'} className={missing ? 'category-count missing' : 'category-count'}>
            {countText}
            {category.minCount > 1 && category.minCount < category.maxCount && images.length < category.minCount ? `（${t('materials.atLeast', { min: category.minCount })}）` : ''}
          </Typography.Text>
          {category.exampleImageUrl ? (
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setExampleOpen(true)} style={{ paddingInline: 0 }} data-testid="example-link">
              {t('materials.example')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {requestReason ? (
        <div className="image-caption replace" style={{ marginBottom: 8 }} data-testid="category-requested">
          {t('materials.requested', { reason: requestReason })}
        </div>
      ) : null}
      {category.requirements ? <div className="category-req">{category.code === COMMITMENT_CATEGORY ? withTemplateLink(category.requirements) : category.requirements}</div> : null}
      {category.code === COMMITMENT_CATEGORY ? (
        <div style={{ marginBottom: 10 }}>
          <a href={COMMITMENT_PDF} target="_blank" rel="noopener" data-testid="commitment-letter-link">
            <DownloadOutlined /> {t('materials.commitmentLetter')}
          </a>
        </div>
      ) : null}
      <Upload
        className="material-upload"
        listType="picture-card"
        accept={ACCEPT}
        multiple={room > 1}
        fileList={fileList}
        disabled={!canAdd}
        showUploadList={{ showPreviewIcon: false, showRemoveIcon: false, showDownloadIcon: false }}
        beforeUpload={(file, chosen) => {
          // Called once per file with the whole choice: act on the first call only.
          if (file !== chosen[0]) return Upload.LIST_IGNORE;
          const accepted = chosen.filter((f) => isAcceptedType(f.type, f.name));
          if (accepted.length < chosen.length) message.error(t('upload.onlyTypes'));
          if (accepted.length > room) message.warning(t('upload.tooMany', { room }));
          if (accepted.length > 0) onChoose(category, accepted.slice(0, room));
          return Upload.LIST_IGNORE;
        }}
        itemRender={(_node, file) => {
          const img = byId.get(file.uid);
          return img ? (
            <ImageTile image={img} alt={`${category.name} ${images.indexOf(img) + 1}`} canDelete={!underReview && (img.deletable ?? (canModify && !img.locked))} locked={img.locked || underReview} onDelete={onDelete} />
          ) : null;
        }}
      >
        {canAdd ? (
          // A button inside the trigger (antd's hasControlInside): Tab reaches it, Enter and
          // Space click it, the click opens the file chooser. Not a <button>: rc-upload blurs a
          // clicked <button>, and the dialog could not give the focus back to the tile.
          <div
            role="button"
            tabIndex={0}
            className="slot-button"
            data-testid="upload-slot"
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                e.stopPropagation();
                e.currentTarget.click();
              }
            }}
          >
            <PlusOutlined aria-hidden />
            <span>{images.length === 0 ? t('materials.slot') : t('materials.slotNext')}</span>
            {hintKey ? <span className="slot-hint">{t(hintKey)}</span> : null}
            <span className="sr-only">{category.name}</span>
          </div>
        ) : null}
      </Upload>
      {canModify && full && !leftovers ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }} data-testid="category-full">
          {t('materials.full', { max: category.maxCount })}
        </Typography.Text>
      ) : null}
      {!canModify && images.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('materials.noImages')}
        </Typography.Text>
      ) : null}
      {category.exampleImageUrl ? (
        <div style={{ display: 'none' }}>
        <Image
          src={category.exampleImageUrl}
          alt={`${category.name} ${t('materials.example')}`}
          preview={{
            visible: exampleOpen,
            src: category.exampleImageUrl,
            onVisibleChange: (v) => setExampleOpen(v),
          }}
        />
        </div>
      ) : null}
    </Card>
  );
}

interface TileProps {
  image: MaterialImage;
  alt: string;
  canDelete: boolean;
  locked: boolean;
  onDelete: (image: MaterialImage) => void;
}

/** One stored image: thumbnail (click → large), "－" to delete, 已锁定, ✓, 需更换. */
function ImageTile({ image, alt, canDelete, locked, onDelete }: TileProps) {
  const { t } = useI18n();
  // The preview is opened here too, so the keyboard can open it (the thumbnail is a button);
  // antd's preview traps focus, closes on Esc and gives focus back to the thumbnail.
  const [previewOpen, setPreviewOpen] = useState(false);
  useDialogHistory(previewOpen, () => setPreviewOpen(false)); // the phone's Back closes the preview
  return (
    <div
      className="image-tile"
      data-testid="image-tile"
      data-image-id={image.id}
      data-state={image.state}
      data-locked={locked ? 'true' : 'false'}
    >
      <div className={`image-tile-frame state-${image.state}`}>
        <Image
          src={image.thumbnailUrl}
          alt={alt}
          preview={{ src: image.url, mask: <EyeOutlined aria-hidden />, visible: previewOpen, onVisibleChange: setPreviewOpen }}
          data-testid="image-thumb"
          role="button"
          tabIndex={0}
          aria-label={`${alt}, ${t('materials.viewLarge')}`}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              setPreviewOpen(true);
            }
          }}
        />
        {canDelete ? (
          <Button
            className="image-delete"
            type="primary"
            danger
            shape="circle"
            size="small"
            icon={<MinusOutlined />}
            aria-label={`${t('materials.delete')} ${alt}`}
            title={t('materials.delete')}
            onClick={(e) => {
              e.stopPropagation();
              onDelete(image);
            }}
            data-testid="image-delete"
          />
        ) : null}
        {image.state === 'approved' ? (
          <span className="image-approved" title={t('materials.approved')} data-testid="image-approved">
            <CheckOutlined />
          </span>
        ) : null}
      </div>
      {image.state === 'pending' ? <SignalWarning signals={image.signals} compact testId="image-signal-warning" /> : null}
      {image.state === 'replace_requested' ? (
        <div className="image-caption replace" data-testid="image-reason">
          {image.reason ? t('materials.replace', { reason: image.reason }) : t('materials.replaceNoReason')}
        </div>
      ) : null}
      {locked ? (
        <div className="image-caption locked" data-testid="image-locked">
          <LockOutlined /> {t('materials.locked')}
        </div>
      ) : null}
    </div>
  );
}

/** The words 下载模板 in 附件2's requirement text become the link to the pre-filled letter. */
function withTemplateLink(text: string) {
  const word = '下载模板';
  const at = text.indexOf(word);
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <a href={COMMITMENT_PDF} target="_blank" rel="noopener" data-testid="template-link">
        {word}
      </a>
      {text.slice(at + word.length)}
    </>
  );
}
