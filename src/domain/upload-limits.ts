/**
 * The size limit of one stored image: "单个文件不超过200KB" (the seed), 204,800 bytes as
 * shared/API.md counts it. The multipart limit, the upload route, the server pipeline's output
 * budget and the page's preparation all use this one number.
 */
export const MAX_IMAGE_BYTES = 204_800;
