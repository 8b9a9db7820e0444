/** Workflow refusals in words: the chat uses the one wording of src/common/text/refusals.ts. */
export { refusalText } from '../../common/text/refusals.js';
