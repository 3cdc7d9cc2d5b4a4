/**
 * 佐证材料 people attach: PDF, Word, Excel, images and OFD (the national e-document format).
 * The type is decided by the file's content (magic bytes); the name's extension must agree, so a
 * `.pdf` that is really a program, or a picture renamed `.docx`, is refused instead of served.
 */
export interface EvidenceType {
  contentType: string;
  extensions: readonly string[];
  label: string;
}

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  { contentType: 'application/ofd', extensions: ['ofd'], label: 'OFD' },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word',
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel',
  },
  // Word 97–2003 and Excel 97–2003 share one container (OLE compound file).
  { contentType: 'application/x-cfb', extensions: ['doc', 'xls'], label: 'Word/Excel 97–2003' },
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  { contentType: 'image/png', extensions: ['png'], label: 'PNG' },
  { contentType: 'image/gif', extensions: ['gif'], label: 'GIF' },
  { contentType: 'image/webp', extensions: ['webp'], label: 'WebP' },
  { contentType: 'image/bmp', extensions: ['bmp'], label: 'BMP' },
  { contentType: 'image/tiff', extensions: ['tif', 'tiff'], label: 'TIFF' },
];

/** For a file input's `accept`. */
export const EVIDENCE_ACCEPT = EVIDENCE_TYPES.flatMap((type) => type.extensions.map((ext) => `.${ext}`)).join(',');

export const EVIDENCE_TYPE_NAMES = [...new Set(EVIDENCE_TYPES.map((type) => type.label))].join('、');

export type EvidenceVerdict = { accepted: true; contentType: string } | { accepted: false; reason: string };

/**
 * `detected` is what a magic-byte sniffer found (null: nothing it knows). An OFD file is a zip
 * whose root holds OFD.xml; sniffers report it as a plain zip, so `zipHasOfdRoot` says whether
 * that entry name was found in the archive's first bytes.
 */
export function judgeEvidence(
  fileName: string,
  detected: string | null,
  zipHasOfdRoot = false,
): EvidenceVerdict {
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  const contentType = detected === 'application/zip' && zipHasOfdRoot ? 'application/ofd' : detected;
  const type = EVIDENCE_TYPES.find((candidate) => candidate.contentType === contentType);
  if (!type) {
    return {
      accepted: false,
      reason: `“${fileName}”的内容不是可接受的佐证材料（${EVIDENCE_TYPE_NAMES}）${detected ? `，实际为 ${detected}` : '，无法识别其格式'}。“${fileName}” is not an accepted evidence file.`,
    };
  }
  if (!type.extensions.includes(extension)) {
    return {
      accepted: false,
      reason: `“${fileName}”的扩展名与内容不符：内容是 ${type.label}，扩展名应为 .${type.extensions.join(' 或 .')}。The file name does not match its ${type.label} content.`,
    };
  }
  return { accepted: true, contentType: type.contentType };
}
