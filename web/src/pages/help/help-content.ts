/**
 * 帮助: the questions of the seed's 附件3 (考生有关问题答疑), answered for this system, zh-CN
 * first and English alike. A paragraph may carry a link ({to, label}) to a page of the app.
 */
import type { Lang } from '../../i18n/messages';

export interface HelpLink {
  to: string;
  label: string;
  /** A file download (the PDF), not a page of the app. */
  external?: boolean;
}
export interface HelpItem {
  id: string;
  q: string;
  a: string[];
  links?: HelpLink[];
}
export interface HelpText {
  title: string;
  intro: string;
  contents: string;
  statusTitle: string;
  statusIntro: string;
  statuses: Array<{ status: 'draft' | 'site_approved' | 'approved' | 'returned' | 'rejected'; text: string }>;
  iconsTitle: string;
  icons: { locked: string; approved: string; replace: string; replaceLabel: string; delete: string; watermark: string };
  faqTitle: string;
  faq: HelpItem[];
  toolsTitle: string;
  photoTool: string;
  photoToolText: string;
  letter: string;
  letterText: string;
  back: string;
}

export const COMMITMENT_LETTER_URL = '/api/v1/candidate/documents/commitment-letter.pdf';

const zh: HelpText = {
  title: '帮助',
  intro: '考生在本系统上传报名材料、查看审核结果时的常见问题。找不到答案时，请联系您报名的考点。',
  contents: '目录',
  statusTitle: '审核状态是什么意思',
  statusIntro: '审核状态显示在“报名信息”和“上传相关材料”页面的右上角。审核分考点（市）和考区（省）两级：',
  statuses: [
    { status: 'draft', text: '填报：可以上传、删除和更换图片；上传后自动保存，等待考点审核。' },
    { status: 'site_approved', text: '考点通过：考点已审核通过，正在等待考区审核。此时图片已锁定。' },
    { status: 'approved', text: '审核通过：考区审核通过，资格审核结束，图片全部锁定。' },
    { status: 'returned', text: '退回修改：材料需要补充或更换。请到“上传相关材料”页面最上方查看审核意见，更换标有“需更换”的图片，或补传缺少的材料，然后等待再次审核。' },
    { status: 'rejected', text: '审核拒绝：审核未通过，审核意见显示在“上传相关材料”页面最上方。如有疑问请联系考点。' },
  ],
  iconsTitle: '图片上的标记',
  icons: {
    locked: '已锁定：图片正在审核中或已审核通过，不能删除或更换。',
    approved: '✓（绿色对号）：这张图片已审核通过，并已锁定。',
    replace: '需更换：审核人员要求更换这张图片，后面写有原因。这张图片已解锁，请删除后重新上传。',
    replaceLabel: '需更换：图片不清晰',
    delete: '“－”（图片右上角）：删除这张图片，删除后可重新上传。只有未锁定的图片才显示。',
    watermark: '图片上的水印（考试年度、报名号、上传时间）：表示图片已上传成功并保存，同时防止图片被挪作他用。',
  },
  faqTitle: '常见问题',
  faq: [
    {
      id: 'flow',
      q: '报名成功后，在线审核的主要流程是什么？',
      a: [
        '登录后在“报名信息”处点击“上传相关材料”，首次使用需先阅读并同意授权（激活用户）。',
        '按页面列出的材料种类，参照每类材料的要求和“示例”上传图片。标有“必传”的材料须上传；其他材料根据个人情况上传，其他必需材料可上传到“其他”。',
        '上传后自动保存，没有提交按钮。随后考点审核，考点通过后考区审核。审核通过的图片会锁定并显示 ✓；不符合要求的图片会标出“需更换”及原因，审核意见显示在上传页面最上方。全部审核结束后，“报名信息”右上角显示最终结果。',
      ],
    },
    {
      id: 'enter',
      q: '如何进入报名材料上传页面？',
      a: [
        '用报名号和密码登录（或从报名系统的链接直接进入），在“报名信息”卡片下方点击“上传相关材料”。',
        '如果看不到这个按钮，说明您所在考区尚未开放材料上传或已过上传时间，页面会显示开放时间；请关注考区通知。',
      ],
    },
    {
      id: 'requirements',
      q: '上传图片有什么要求（格式、大小、方向）？',
      a: [
        '图片须真实、准确、完整、清晰，画面保持正向（文字朝上），不得翻转、旋转。格式为 jpg、jpeg 或 png，单个图片不超过 200KB。',
        '每类材料都有“示例”可参考。系统会在图片上自动添加水印，保护您的个人资料。',
      ],
    },
    {
      id: 'phone',
      q: '可以用手机上传吗？手机照片太大怎么办？',
      a: [
        '可以。手机拍的照片通常有 1.5MB 以上，您不用自己处理：选择照片后，页面会在您的手机上自动把它缩小到 200KB 以内并保持清晰，同时按拍摄方向自动摆正，然后显示预览。',
        '如果预览中图片仍然躺倒或颠倒，请点“向左旋转”或“向右旋转”摆正后再点“上传”。png 图片也会自动转为 jpg。',
      ],
    },
    {
      id: 'several',
      q: '同一类材料如何上传多张图片？',
      a: [
        '上传完第一张后，点击后面的“继续上传”即可。有些材料只能上传固定张数，例如身份证明须上传 2 张（第 1 张人像面，第 2 张国徽面），传满后不再显示上传位置。',
      ],
    },
    {
      id: 'delete',
      q: '图片传错了，如何删除并重新上传？',
      a: ['点击图片右上角的“－”删除，再点击上传位置重新上传。已锁定的图片没有“－”，不能删除。'],
    },
    {
      id: 'success',
      q: '怎么知道图片已经提交成功？',
      a: [
        '上传成功后页面会提示“已保存”，图片显示在对应材料下，并带有水印。没有单独的提交按钮，上传即提交。',
      ],
    },
    {
      id: 'change',
      q: '提交后还能修改吗？什么是“已锁定”？',
      a: [
        '审核人员审核之前，可以随时删除和更换。审核期间所有图片都会锁定（显示“已锁定”），暂时不能修改；审核通过的图片会一直锁定并显示 ✓。',
        '被要求更换的图片会解锁并标出原因，您可以删除后重新上传。请在上传完全部图片后再检查一遍，确保无误。',
      ],
    },
    {
      id: 'next',
      q: '上传完成后，下一步做什么？',
      a: [
        '可以关闭页面，等待考点、考区审核。审核结果会通过站内消息和短信通知您，工作人员也可能打电话联系；请每天登录查看一次。',
        '如果上传页面最上方没有审核意见，并且所有图片都已锁定并显示 ✓，说明审核已完成，等待最终结果即可。如果最上方有审核意见，请按意见修改。',
      ],
    },
    {
      id: 'status',
      q: '如何知道目前的审核状态？',
      a: ['登录后查看“报名信息”右上角的状态：填报、考点通过、审核通过、退回修改或审核拒绝，含义见本页“审核状态是什么意思”。'],
    },
    {
      id: 'comments',
      q: '审核被退回了，在哪里查看审核意见？',
      a: [
        '在“上传相关材料”页面的最上方。需要更换的图片下方会用红字标出“需更换”及原因。更换或补传后无需提交，系统会自动进入待审核，等待再次审核即可。',
      ],
    },
    {
      id: 'photo30k',
      q: '报名照片检测后仍大于 30KB 怎么办？',
      a: [
        '请使用本系统的“报名照片检测工具”：它按文件的真实字节数检查（1KB = 1024 字节，不会把 30.1KB 显示成 30KB），可把照片自动裁剪、缩放到 358×441 像素，并选择不超过 30KB 的最高画质保存为 JPG。照片只在您的浏览器中处理，不会上传。',
        '下载修复后的照片后请直接使用，不要再用画图等软件打开另存，否则文件大小会改变。',
      ],
      links: [{ to: '/tools/photo-check', label: '打开报名照片检测工具' }],
    },
    {
      id: 'letter',
      q: '应届毕业研究生的《临床实践训练经历满一年证明及个人承诺书》（附件2）从哪里获取？',
      a: [
        '在“上传相关材料”页面的“临床实践训练经历满一年证明及个人承诺书”一栏，点击“下载模板”，即可得到已填好您的姓名、身份证号和手机号码的 A4 PDF。',
        '打印后手写填写毕业时间、学校、专业、临床实践单位和时间，本人签字，由临床实践单位和研究生院盖章，然后拍照上传到该栏。',
      ],
    },
  ],
  toolsTitle: '工具',
  photoTool: '报名照片检测工具',
  photoToolText: '检查报名照片（JPG、不超过 30KB、358×441 像素、正向、浅色纯色背景），并自动修复。',
  letter: '附件2 承诺书（预填 PDF）',
  letterText: '登录后在“上传相关材料”页面对应材料栏下载。',
  back: '返回',
};

const en: HelpText = {
  title: 'Help',
  intro: 'Common questions about uploading your registration materials and following the review. If your answer is not here, contact the exam site you registered with.',
  contents: 'Contents',
  statusTitle: 'What the review status means',
  statusIntro: 'The status shows at the top right of “Registration” and “Upload materials”. The review has two levels, the exam site (city) and the exam region (province):',
  statuses: [
    { status: 'draft', text: 'Draft: you can upload, delete and replace images; every upload is saved at once. The exam site reviews them next.' },
    { status: 'site_approved', text: 'Site approved: the exam site approved your materials; the exam region reviews them next. Images are locked.' },
    { status: 'approved', text: 'Approved: the exam region approved your materials; the review is finished and all images are locked.' },
    { status: 'returned', text: 'Returned for changes: read the review comments at the top of “Upload materials”, replace the images marked “Replace” or add what is missing, then wait for the next review.' },
    { status: 'rejected', text: 'Rejected: the review did not pass; the comments are at the top of “Upload materials”. Contact your exam site with any question.' },
  ],
  iconsTitle: 'Marks on the images',
  icons: {
    locked: 'Locked: the image is under review or approved and cannot be deleted or replaced.',
    approved: '✓ (green tick): the image is approved and locked.',
    replace: 'Replace: a reviewer asked for a new image, with the reason. The image is unlocked: delete it and upload another.',
    replaceLabel: 'Replace: image not clear',
    delete: '“－” (top right of an image): deletes it so you can upload another. Shown on unlocked images only.',
    watermark: 'The watermark (exam year, registration number, upload time) shows the image was stored, and keeps it from being used elsewhere.',
  },
  faqTitle: 'Questions',
  faq: [
    {
      id: 'flow',
      q: 'How does the online review work after registration?',
      a: [
        'Log in and press “Upload materials” under your registration; the first time, read and accept the consent (activate).',
        'Upload the materials listed, following each one’s rules and “Example”. Materials marked “Required” must be uploaded; others as they apply to you, and anything further under “Other”.',
        'Every upload is saved at once; there is no submit button. The exam site reviews first, then the exam region. Approved images are locked with a ✓; images to replace are marked with the reason, and the comments show at the top of the upload page. The final result shows at the top right of your registration.',
      ],
    },
    {
      id: 'enter',
      q: 'How do I get to the upload page?',
      a: [
        'Log in with your registration number and password (or follow the link from the registration system) and press “Upload materials” under your registration.',
        'Without that button, your exam region has not opened material upload or the period is over; the page shows the upload period. Watch for your region’s notice.',
      ],
    },
    {
      id: 'requirements',
      q: 'What are the rules for images (format, size, orientation)?',
      a: [
        'Images must be true, accurate, complete and clear, upright (text reads normally), not flipped or rotated; jpg, jpeg or png, at most 200 KB each.',
        'Each material has an “Example”. The system adds a watermark to every image to protect your personal data.',
      ],
    },
    {
      id: 'phone',
      q: 'Can I upload from my phone? My phone photos are too big.',
      a: [
        'Yes. Phone photos are usually 1.5 MB or more, and you do not need to do anything: after you choose a photo, the page shrinks it on your phone to under 200 KB, keeping it clear, turns it upright as it was taken, and shows a preview.',
        'If the preview is still sideways or upside down, press “Rotate left” or “Rotate right”, then “Upload”. PNG images become JPG too.',
      ],
    },
    {
      id: 'several',
      q: 'How do I upload several images of one material?',
      a: ['After the first one, press “Upload more”. Some materials take a fixed number: the ID takes 2 (first the photo side, then the emblem side) and shows no further slot once full.'],
    },
    {
      id: 'delete',
      q: 'I uploaded the wrong image. How do I replace it?',
      a: ['Press the “－” at the image’s top right to delete it, then upload again. Locked images have no “－”.'],
    },
    {
      id: 'success',
      q: 'How do I know an image was submitted?',
      a: ['The page says “Saved” and the image shows under its material with a watermark. There is no separate submit: uploading is submitting.'],
    },
    {
      id: 'change',
      q: 'Can I change images afterwards? What does “Locked” mean?',
      a: [
        'Until a reviewer looks at them, you can delete and replace them at any time. During a review all images are locked (“Locked”) for a while; approved images stay locked and show a ✓.',
        'Images a reviewer asks you to replace are unlocked and marked with the reason: delete and upload again. Check everything once more after uploading.',
      ],
    },
    {
      id: 'next',
      q: 'What do I do after uploading?',
      a: [
        'You can close the page and wait for the review. Results reach you as an in-app message and an SMS, and staff may phone you; please log in once a day.',
        'No review comments at the top of the upload page and every image locked with a ✓ means the review is done: wait for the final result. Comments at the top mean something must change.',
      ],
    },
    {
      id: 'status',
      q: 'How do I see my review status?',
      a: ['At the top right of your registration: Draft, Site approved, Approved, Returned for changes or Rejected; see “What the review status means” on this page.'],
    },
    {
      id: 'comments',
      q: 'My materials were returned. Where are the reviewer’s comments?',
      a: ['At the very top of “Upload materials”. Images to replace are marked in red with the reason. After replacing or adding images there is nothing to submit: the registration waits for review again.'],
    },
    {
      id: 'photo30k',
      q: 'My registration photo is still over 30 KB after checking. What now?',
      a: [
        'Use the “Registration photo checker” of this system: it checks the file’s real byte count (1 KB = 1,024 bytes; 30.1 KB is never shown as 30 KB), crops and scales the photo to 358×441 px and saves the best JPG quality that fits 30 KB. The photo stays in your browser.',
        'Use the downloaded file as it is: opening and saving it again in another program (such as Paint) changes its size.',
      ],
      links: [{ to: '/tools/photo-check', label: 'Open the photo checker' }],
    },
    {
      id: 'letter',
      q: 'Where do graduating postgraduates get the clinical training certificate and commitment letter (Attachment 2)?',
      a: [
        'On “Upload materials”, in the card of that material, press “下载模板” (download the template): an A4 PDF with your name, ID number and phone already filled in.',
        'Print it, fill in the graduation date, school, major, training unit and dates by hand, sign it, have it stamped by the training unit and the graduate school, then photograph it and upload it to that card.',
      ],
    },
  ],
  toolsTitle: 'Tools',
  photoTool: 'Registration photo checker',
  photoToolText: 'Checks a registration photo (JPG, at most 30 KB, 358×441 px, upright, plain light background) and fixes it.',
  letter: 'Attachment 2 commitment letter (pre-filled PDF)',
  letterText: 'After logging in, download it from its material card on “Upload materials”.',
  back: 'Back',
};

export const HELP: Record<Lang, HelpText> = { 'zh-CN': zh, en };
