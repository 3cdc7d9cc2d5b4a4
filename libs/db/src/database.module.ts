import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { buildDataSourceOptions } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        buildDataSourceOptions({
          databaseUrl: config.databaseUrl,
          databaseReadUrls: config.databaseReadUrls,
          applicationName: `xietong-${process.env.XIETONG_PROCESS ?? 'app'}`,
        }),
    }),
  ],
})
export class DatabaseModule {}
