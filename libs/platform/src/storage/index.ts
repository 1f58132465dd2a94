export * from './file-storage';
export * from './postgres-file-storage';
export * from './upload-rules';
export * from './multipart';
export * from './stored-file.reply';
