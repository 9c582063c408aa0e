import { z } from 'zod';
import { errors, PathText } from './common.js';

/** Stored images (watermarked, to the owner and staff in scope) and the public example images. */
const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: z.any().describe(type) } } });
const tags = ['images'];
const image = z.object({ imageId: PathText });

export const imageContracts = {
  full: {
    tags, summary: 'Watermarked image (owner or staff in scope; staff views are logged)', params: image,
    response: { 200: binary('image/jpeg', 'image/jpeg'), ...errors({ 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND' }) },
  },
  thumbnail: {
    tags, summary: 'Thumbnail of an image', params: image,
    response: { 200: binary('image/jpeg', 'image/jpeg'), ...errors({ 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND' }) },
  },
  example: {
    tags, summary: 'Example image (示例) of a category, public; an ETag for If-None-Match', security: [],
    params: z.object({ file: z.string().describe('<category code>.png') }),
    response: { 200: binary('image/png', 'image/png (or the uploaded example\'s type)'), 304: z.undefined().describe('Not modified'), ...errors({ 404: 'NOT_FOUND' }) },
  },
};
